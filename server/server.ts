import type { Server } from 'node:http'
import { createApp, type AppDeps } from './app.js'
import type { Config } from './config.js'
import { openDb } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { liveQaIndex } from './features/replies/search/live-qa-index.js'
import { stopCallbackProcessing } from './features/wecom/index.js'
import type { AppContext } from './lib/context.js'
import { createLogger, type Logger } from './lib/logger.js'
import { piiOf } from './lib/pii.js'

export interface RunningServer {
  server: Server
  port: number
  url: string
  /** Stops accepting, lets in-flight requests and the callback in hand finish, then closes the database. */
  close(): Promise<void>
}

/** Opens and migrates the database, then listens. Used by `npm start` and by process-level tests. */
export async function startServer(
  config: Readonly<Config>,
  opts: {
    logger?: Logger
    distDir?: AppDeps['distDir']
    frontEnd?: AppDeps['frontEnd']
    scheduler?: boolean
    beforeListen?: (deps: AppDeps) => Promise<void>
    /** Runs once the port is open (work that calls this server, e.g. the demo's import through its simulator). */
    afterListen?: (ctx: AppContext) => void
  } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel)
  const db = await openDb(config.databaseUrl, config.database)
  await migrateToLatest(db, { pii: piiOf(config) })
  const deps: AppDeps = { db, logger, distDir: opts.distDir, frontEnd: opts.frontEnd, scheduler: opts.scheduler }
  await opts.beforeListen?.(deps)
  const { app, ctx, stopScheduler } = createApp(config, deps)
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, (err?: Error) => (err ? reject(err) : resolve(s)))
  })
  opts.afterListen?.(ctx)
  // The Q&A search index is built on first use (0.1–0.3 s at 5,000 entries): build it now, not on a manager's keystroke.
  liveQaIndex(db).catch(() => logger.warn('Q&A search index could not be built at start; the first search will retry'))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      stopScheduler()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await stopCallbackProcessing(ctx)
      await db.close()
    })())
  return { server, port, url: `http://localhost:${port}`, close }
}
