import path from 'node:path'
import compression from 'compression'
import cookieParser from 'cookie-parser'
import express, { type Express, type Router } from 'express'
import type { Config } from './config.js'
import type { Db } from './db/connect.js'
import { authRoutes } from './features/auth/auth.routes.js'
import { contactsRoutes } from './features/contacts/contacts.routes.js'
import { contentRoutes } from './features/content/content.routes.js'
import { crmRoutes } from './features/crm/crm.routes.js'
import { startCrmSchedule } from './features/crm/sync-schedule.js'
import { groupsRoutes } from './features/groups/groups.routes.js'
import { openApiRoutes } from './features/openapi/openapi.routes.js'
import { processRoutes } from './features/process/process.routes.js'
import { startScheduler } from './features/process/sync/scheduler.js'
import { privacyRoutes } from './features/privacy/privacy.routes.js'
import { startPurgeSchedule } from './features/privacy/purge-schedule.js'
import { repliesRoutes } from './features/replies/replies.routes.js'
import { loadSession } from './features/auth/session.middleware.js'
import { demoRoutes } from './features/demo/demo.routes.js'
import { healthRoutes } from './features/health/health.routes.js'
import { simulatorMount } from './features/simulator/simulator.mount.js'
import { unconfiguredSmsSender, type SmsSender } from './features/verification/sms-sender.js'
import { consentRoutes } from './features/consent/index.js'
import { followupsRoutes } from './features/followups/index.js'
import { handoverRoutes, startHandoverSchedule } from './features/handover/index.js'
import { startTagSchedule, tagsRoutes } from './features/tags/index.js'
import { createMetrics, metricsRoutes, observeRequests, type Metrics } from './features/metrics/index.js'
import { simulatorSmsSender } from './features/simulator/sim-sms-sender.js'
import { demoCrmSource } from './features/seed/demo-crm-source.js'
import { verificationRoutes } from './features/verification/verification.routes.js'
import { answerWelcomeCodesWith } from './features/wecom/index.js'
import { wecomRoutes } from './features/wecom/wecom.routes.js'
import { answerWelcomeCode, welcomeRoutes } from './features/welcome/index.js'
import { wecomAdminRoutes } from './features/wecom-admin/wecom-admin.routes.js'
import type { AppContext } from './lib/context.js'
import { apiNotFound, errorMiddleware } from './lib/error-middleware.js'
import './lib/express-types.js'
import type { Logger } from './lib/logger.js'
import { requireCsrfHeader } from './lib/csrf.js'
import { canonicalApiPath } from './lib/canonical-path.js'
import { rejectNul } from './lib/reject-nul.js'
import { requestLog } from './lib/request-log.js'
import { PROJECT_ROOT } from './lib/project-root.js'
import { securityHeaders } from './lib/security-headers.js'
import { sidebarBootstrap } from './lib/sidebar-bootstrap.js'
import { distFrontEnd, spaRoutes, type FrontEndSource, type HtmlTransform } from './lib/spa.js'
import { helpRoutes } from './features/help/help.routes.js'

export const COMPRESS_FROM_BYTES = 4096

export const DEFAULT_DIST_DIR = path.join(PROJECT_ROOT, 'dist')

export interface AppDeps {
  db: Db
  logger: Logger
  now?: () => Date
  /** Built front end folder to serve; omit to serve the API only. */
  distDir?: string
  /** Overrides distDir, e.g. Vite's dev middleware in `npm run dev`. */
  frontEnd?: FrontEndSource
  /** The bank's SMS gateway; demo mode defaults to the simulator's outbox. */
  smsSender?: SmsSender
  /** Run the WeCom data sync scheduler in this process (`npm start`); tests call the sync service directly. */
  scheduler?: boolean
  /** Prometheus registry; one per app by default (tests and several apps in one process stay apart). */
  metrics?: Metrics
}

/** Builds the Express app; the caller owns listening and shutdown. */
export function createApp(
  config: Readonly<Config>,
  deps: AppDeps,
): { app: Express; ctx: AppContext; stopScheduler: () => void } {
  const ctx: AppContext = { config, db: deps.db, logger: deps.logger, now: deps.now ?? (() => new Date()) }
  const app = express()
  app.disable('x-powered-by')
  // Only these hops' X-Forwarded-For sets req.ip (the key of every per-IP limit): TRUST_PROXY in config.
  app.set('trust proxy', config.trustProxy === false ? false : config.trustProxy)
  app.use(requestLog(ctx.logger))
  const metrics = deps.metrics ?? createMetrics()
  // Timed only where someone scrapes: the profile route is benchmarked against a bare Express hello.
  if (config.metricsToken) app.use(observeRequests(metrics), metricsRoutes(ctx, metrics))
  app.use(securityHeaders(config.publicBaseUrl.startsWith('https:'), deps.frontEnd?.connectSrc))
  // The WeCom webview is often on a mobile network: gzip the app's JS/CSS/HTML and larger JSON. Below
  // 4 KB a response arrives in the same round trip either way (the first congestion window is ~14 KB),
  // while each gzip stream's setup cost 13% of the sidebar profile route's CPU (`npm run bench`).
  app.use(compression({ threshold: COMPRESS_FROM_BYTES }))
  app.use(cookieParser())
  app.use(express.json({ limit: '256kb' }))
  app.use(rejectNul)
  app.use(requireCsrfHeader)
  app.use(loadSession(ctx))

  const wecom = wecomRoutes(ctx)
  // The callback processor greets new customers through this port, so wecom never imports welcome.
  answerWelcomeCodesWith(ctx, answerWelcomeCode)
  const sms = deps.smsSender ?? (config.demo ? simulatorSmsSender(deps.db) : unconfiguredSmsSender)
  const api: Router[] = [
    healthRoutes(ctx),
    authRoutes(ctx),
    wecom.api,
    contactsRoutes(ctx),
    verificationRoutes(ctx, sms),
    groupsRoutes(ctx),
    contentRoutes(ctx),
    repliesRoutes(ctx),
    processRoutes(ctx),
    crmRoutes(ctx, (now) => demoCrmSource({ now, customers: 20 })),
    wecomAdminRoutes(ctx),
    privacyRoutes(ctx),
    followupsRoutes(ctx),
    consentRoutes(ctx),
    welcomeRoutes(ctx),
    handoverRoutes(ctx),
    tagsRoutes(ctx),
  ]
  if (config.demo) api.push(demoRoutes(ctx))
  // API answers are no-store: an ETag (a SHA-1 of every JSON body) would never be used.
  app.set('etag', false)
  app.use('/api', canonicalApiPath)
  app.use('/api', ...api, openApiRoutes(app))
  app.use('/api', apiNotFound)
  app.use(wecom.pages)
  app.use(helpRoutes())

  const htmlTransforms: HtmlTransform[] = [sidebarBootstrap(ctx)]
  if (config.demo) {
    const simulator = simulatorMount(ctx)
    app.use(simulator.router)
    htmlTransforms.push(simulator.htmlTransform)
  }
  const frontEnd = deps.frontEnd ?? (deps.distDir ? distFrontEnd(deps.distDir) : undefined)
  if (frontEnd) app.use(spaRoutes(frontEnd, htmlTransforms))
  app.use(errorMiddleware(ctx.logger, { loginUrl: config.demo ? '/demo/login' : '/auth/wecom' }))
  const stops = deps.scheduler
    ? [
        startScheduler(ctx),
        startCrmSchedule(ctx),
        startPurgeSchedule(ctx),
        startHandoverSchedule(ctx),
        startTagSchedule(ctx),
      ]
    : []
  return { app, ctx, stopScheduler: () => stops.forEach((stop) => stop()) }
}
