import type { ErrorRequestHandler, RequestHandler } from 'express'
import { ZodError } from 'zod'
import { AppError } from './errors.js'
import type { Logger } from './logger.js'

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

function describeZod(err: ZodError): string {
  const issue = err.issues[0]
  if (!issue) return '请求参数不正确'
  const field = issue.path.length ? issue.path.join('.') : '请求'
  return `参数 ${field} 不正确：${issue.message}`
}

/** Maps any thrown value to the `{ error: { code, message } }` envelope; never leaks internals. */
export function errorMiddleware(logger: Logger, opts: { loginUrl: string }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500
    let body: ErrorBody = { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' } }
    if (err instanceof AppError) {
      status = err.status
      // A 401 tells the page where to sign in again (demo sign-in page or WeCom OAuth).
      const details = err.status === 401 ? { loginUrl: opts.loginUrl, ...err.details } : err.details
      body = { error: { code: err.code, message: err.message, ...(details ? { details } : {}) } }
    } else if (err instanceof ZodError) {
      status = 400
      body = {
        error: {
          code: 'VALIDATION_FAILED',
          message: describeZod(err),
          details: { fields: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
        },
      }
    } else if (err?.type === 'entity.parse.failed') {
      status = 400
      body = { error: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' } }
    } else if (err?.type === 'entity.too.large') {
      status = 413
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' } }
    } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      status = err.status
      body = { error: { code: 'BAD_REQUEST', message: '请求无法处理' } }
    }
    if (status >= 500) logger.error({ requestId: req.requestId, err }, 'request failed')
    if (res.headersSent) return
    res.status(status).json(body)
  }
}

export const apiNotFound: RequestHandler = (req, res) => {
  const body: ErrorBody = {
    error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.path.slice(0, 200)}` },
  }
  res.status(404).json(body)
}
