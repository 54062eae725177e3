import type { RequestHandler } from 'express'
import { AppError } from './errors.js'

/** Every state-changing API call from our pages carries this header (set by src/shared/http.ts). */
export const CSRF_HEADER = 'x-advisor-request'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
// WeCom's servers post callbacks; they are authenticated by their signature instead.
const EXEMPT_PATHS = new Set(['/api/wecom/callback'])

/**
 * CSRF defence that survives `SameSite=None` cookies (needed inside WeCom's webview): a custom header.
 * A cross-site form cannot set one, and a cross-site script cannot either without a CORS preflight,
 * which this server never grants.
 */
export const requireCsrfHeader: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || EXEMPT_PATHS.has(req.path) || !req.path.startsWith('/api/')) return next()
  if (req.get(CSRF_HEADER) !== '1') throw new AppError('CSRF_HEADER_MISSING', 403, '请求来源校验失败，请刷新页面后重试')
  next()
}
