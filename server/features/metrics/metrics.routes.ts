import { timingSafeEqual } from 'node:crypto'
import { Router, type RequestHandler } from 'express'
import { collectDefaultMetrics } from 'prom-client'
import type { AppContext } from '../../lib/context.js'
import { routeLabel } from '../../lib/request-log.js'
import { registerDbGauges } from './db-gauges.js'
import type { Metrics } from './registry.js'

/** Times every request into the latency histogram, labelled by route pattern and status class. */
export function observeRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.requestSeconds.startTimer()
    res.on('finish', () =>
      stop({ method: req.method, route: routeLabel(req), status: `${Math.floor(res.statusCode / 100)}xx` }),
    )
    next()
  }
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * GET /metrics for Prometheus, outside /api and off unless METRICS_TOKEN is set: it answers only
 * `Authorization: Bearer <METRICS_TOKEN>` (a scraper is no staff member, so no session).
 */
export function metricsRoutes(ctx: AppContext, metrics: Metrics): Router {
  const router = Router()
  const token = ctx.config.metricsToken
  if (!token) return router
  // Process figures (heap, event-loop lag, GC) only where someone scrapes them: they start observers.
  collectDefaultMetrics({ register: metrics.registry, prefix: 'advisor_' })
  registerDbGauges(metrics.registry, ctx.db, ctx.now, ctx.config.wecom.corpId)
  router.get('/metrics', async (req, res) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? ''
    if (!sameSecret(given, token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({
          error: { code: 'UNAUTHENTICATED', message: '需要 METRICS_TOKEN：请在 Authorization 头中使用 Bearer 令牌' },
        })
      return
    }
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  return router
}
