import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
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
      const route = req.route?.path
        ? `${req.baseUrl}${String(req.route.path)}`
        : req.path.startsWith('/assets/')
          ? '/assets/*'
          : '(unmatched)'
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
