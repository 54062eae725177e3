import type { JsSignatures } from '../../contracts/wecom.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { RateLimitOptions } from '../../lib/rate-limit.js'
import { jsapiSignature, signableUrl } from './js-signature.js'
import { randomAlnum } from './random.js'
import type { WecomClient } from './wecom-client.js'
import { wecomUnavailable } from './wecom-failures.js'

/**
 * One budget per person (the signed-in member; the client IP before sign-in) for every way a page gets
 * signed (the API route and the signatures embedded in the sidebar's HTML): signing is cheap, but it is
 * what lends a page the app's WeCom identity. A bank's staff share a few egress IPs, so the IP itself
 * only gets a ceiling sized for thousands of them (JS_SIGNATURES_IP_CEILING).
 */
export const JS_SIGNATURES_RATE_LIMIT: RateLimitOptions = {
  name: 'js-signatures',
  limit: 60,
  windowMs: 60_000,
  key: (req) => (req.staff ? `staff:${req.staff.id}` : (req.ip ?? 'unknown')),
}

export const JS_SIGNATURES_IP_CEILING: RateLimitOptions = {
  name: 'js-signatures-ip',
  limit: 20_000,
  windowMs: 60_000,
  key: (req) => req.ip ?? 'unknown',
}

/** Only pages of our own origin get signed: a signature for a foreign page would lend it our identity. */
function allowedUrl(ctx: AppContext, raw: string): string {
  const url = signableUrl(raw)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError('URL_NOT_ALLOWED', 400, '页面地址不合法')
  }
  if (parsed.origin !== new URL(ctx.config.publicBaseUrl).origin) {
    throw new AppError('URL_NOT_ALLOWED', 400, '该页面地址不在允许签名的域名内')
  }
  return url
}

/** Signs `url` (cut at `#`) with the corp and the app ticket, each with its own fresh nonce; tickets never leave the server. */
export async function signPageUrl(ctx: AppContext, client: WecomClient, rawUrl: string): Promise<JsSignatures> {
  const url = allowedUrl(ctx, rawUrl)
  let tickets: [string, string]
  try {
    tickets = await Promise.all([client.corpJsapiTicket(), client.agentJsapiTicket()])
  } catch (err) {
    throw wecomUnavailable(ctx, err, 'jsapi ticket')
  }
  const timestamp = Math.floor(ctx.now().getTime() / 1000)
  const sign = (ticket: string): JsSignatures['corp'] => {
    const nonceStr = randomAlnum(16)
    return { timestamp, nonceStr, signature: jsapiSignature({ ticket, nonceStr, timestamp, url }) }
  }
  return { corpId: client.corpId, agentId: client.agentId, corp: sign(tickets[0]), agent: sign(tickets[1]) }
}
