import path from 'node:path'
import { fileURLToPath } from 'node:url'
import cookieParser from 'cookie-parser'
import express, { type Express, type Router } from 'express'
import type { Config } from './config.js'
import type { Db } from './db/connect.js'
import { authRoutes } from './features/auth/auth.routes.js'
import { loadSession } from './features/auth/session.middleware.js'
import { demoRoutes } from './features/demo/demo.routes.js'
import { healthRoutes } from './features/health/health.routes.js'
import type { AppContext } from './lib/context.js'
import { apiNotFound, errorMiddleware } from './lib/error-middleware.js'
import './lib/express-types.js'
import type { Logger } from './lib/logger.js'
import { requestLog } from './lib/request-log.js'
import { securityHeaders } from './lib/security-headers.js'
import { spaRoutes, type HtmlTransform } from './lib/spa.js'

export const DEFAULT_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist')

export interface AppDeps {
  db: Db
  logger: Logger
  now?: () => Date
  /** Built front end to serve; omit to serve the API only (tests, `npm run dev`). */
  distDir?: string
}

/** Builds the Express app; the caller owns listening and shutdown. */
export function createApp(config: Readonly<Config>, deps: AppDeps): { app: Express; ctx: AppContext } {
  const ctx: AppContext = { config, db: deps.db, logger: deps.logger, now: deps.now ?? (() => new Date()) }
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback, linklocal, uniquelocal')
  app.use(requestLog(ctx.logger))
  app.use(securityHeaders(config.publicBaseUrl.startsWith('https:')))
  app.use(cookieParser())
  app.use(express.json({ limit: '256kb' }))
  app.use(loadSession(ctx))

  const api: Router[] = [healthRoutes(ctx), authRoutes(ctx)]
  if (config.demo) api.push(demoRoutes(ctx))
  app.use('/api', ...api)
  app.use('/api', apiNotFound)

  const htmlTransforms: HtmlTransform[] = []
  if (deps.distDir) app.use(spaRoutes(deps.distDir, htmlTransforms))
  app.use(errorMiddleware(ctx.logger))
  return { app, ctx }
}
