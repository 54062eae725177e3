import http from 'node:http'
import compression from 'compression'
import cookieParser from 'cookie-parser'
import express from 'express'
import { COMPRESS_FROM_BYTES, createApp, DEFAULT_DIST_DIR } from '../../server/app.js'
import { liveQaIndex } from '../../server/features/replies/search/live-qa-index.js'
import { loadConfig } from '../../server/config.js'
import { openDb } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrate.js'
import { loadSession } from '../../server/features/auth/session.middleware.js'
import { canonicalApiPath } from '../../server/lib/canonical-path.js'
import { requireCsrfHeader } from '../../server/lib/csrf.js'
import { createLogger } from '../../server/lib/logger.js'
import { piiOf } from '../../server/lib/pii.js'
import { rejectNul } from '../../server/lib/reject-nul.js'
import { requestLog } from '../../server/lib/request-log.js'
import { securityHeaders } from '../../server/lib/security-headers.js'

/** What the parent passes on argv: the server runs in its own process so its RSS and CPU are its own. */
export interface ChildSpec {
  mode: 'app' | 'express-hello' | 'node-hello'
  port: number
  databaseUrl: string
  logLevel: string
  /** Where the app's WeCom client calls qyapi: the simulator in its own process, as WeCom is remote in production. */
  wecomApiBase?: string
  /** Run the sync scheduler (multi-instance mode: its jobs must still run once). */
  scheduler?: boolean
}

const spec = JSON.parse(process.argv[2]!) as ChildSpec
const config = loadConfig({
  DEMO: '1',
  PORT: String(spec.port),
  DATABASE_URL: spec.databaseUrl,
  LOG_LEVEL: spec.logLevel,
  ...(spec.wecomApiBase ? { WECOM_API_BASE: spec.wecomApiBase } : {}),
})
const logger = createLogger(config.logLevel)
const ready = (port: number) => process.send?.({ ready: true, port })
const exitWithParent = (server: http.Server, closeDb: () => Promise<void>) =>
  process.on('disconnect', () => {
    server.close(() => void closeDb().finally(() => process.exit(0)))
    server.closeAllConnections()
  })

if (spec.mode === 'app') {
  // As startServer does, but bound to loopback, and without the scheduler unless asked: a background sync
  // would land in the middle of a measurement.
  const db = await openDb(config.databaseUrl)
  await migrateToLatest(db, { pii: piiOf(config) })
  const { app } = createApp(config, { db, logger, distDir: DEFAULT_DIST_DIR, scheduler: spec.scheduler })
  await liveQaIndex(db)
  const server = app.listen(spec.port, '127.0.0.1', () => ready(spec.port))
  exitWithParent(server, () => db.close())
} else if (spec.mode === 'express-hello') {
  // The ceiling for the API: createApp's middleware stack up to the routers, then a constant answer.
  const db = await openDb(config.databaseUrl)
  const ctx = { config, db, logger, now: () => new Date() }
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('trust proxy', 'loopback, linklocal, uniquelocal')
  app.use(
    requestLog(logger),
    securityHeaders(false),
    compression({ threshold: COMPRESS_FROM_BYTES }),
    cookieParser(),
    express.json({ limit: '256kb' }),
    rejectNul,
    requireCsrfHeader,
    loadSession(ctx),
  )
  app.use('/api', canonicalApiPath)
  app.get('/api/hello', (_req, res) => {
    res.json({ hello: 'world' })
  })
  app.post('/api/hello', express.text({ type: () => true }), (_req, res) => {
    res.status(200).end()
  })
  const server = app.listen(spec.port, '127.0.0.1', () => ready(spec.port))
  exitWithParent(server, () => db.close())
} else {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"hello":"world"}')
  })
  server.listen(spec.port, '127.0.0.1', () => ready(spec.port))
  exitWithParent(server, async () => {})
}
