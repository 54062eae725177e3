import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { WecomApiError, WecomRateLimitError, WecomTransportError } from './wecom-errors.js'

/** Logs a failed WeCom call (errcode and path only — never the URL, token or user data). */
export function logWecomFailure(ctx: AppContext, err: unknown, what: string): void {
  if (err instanceof WecomApiError) {
    ctx.logger.warn({ api: err.api, errcode: err.errcode, meaning: err.meaning }, `wecom ${what} failed`)
  } else if (err instanceof WecomTransportError) {
    ctx.logger.warn({ api: err.api, reason: err.message }, `wecom ${what} failed`)
  } else {
    ctx.logger.error({ err }, `wecom ${what} failed`)
  }
}

/** Maps a failed WeCom call to the AppError a route answers with. */
export function wecomUnavailable(ctx: AppContext, err: unknown, what: string): AppError {
  logWecomFailure(ctx, err, what)
  if (err instanceof WecomRateLimitError || (err instanceof WecomApiError && err.errcode === 45033))
    return new AppError('WECOM_RATE_LIMITED', 503, '企业微信接口调用过于频繁，请稍后再试')
  return new AppError('WECOM_UNAVAILABLE', 502, '企业微信服务暂时不可用，请稍后重试')
}
