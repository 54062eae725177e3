import { randomUUID } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import type { Logger } from './logger.js'

/**
 * Logs one line per request with the matched route pattern, never the raw URL: paths and query
 * strings carry one-time tokens, OAuth codes and external user ids.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    req.requestId = randomUUID()
    res.setHeader('X-Request-Id', req.requestId)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const route = routeLabel(req)
      logger.info(
        {
          requestId: req.requestId,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          staff: req.staff?.id,
        },
        'request',
      )
    })
    next()
  }
}

/** The matched route pattern (`/api/contacts/:id`), `/assets/*`, or `(unmatched)`: safe to log and to label by. */
export function routeLabel(req: Request): string {
  if (req.route?.path) return `${req.baseUrl}${String(req.route.path)}`
  return req.path.startsWith('/assets/') ? '/assets/*' : '(unmatched)'
}
