import type { Config } from '../../config.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { findActiveStaffByUserid } from '../org/index.js'
import { randomAlnum } from './random.js'
import type { WecomClient } from './wecom-client.js'
import { WecomApiError } from './wecom-errors.js'
import { logWecomFailure } from './wecom-failures.js'

export const DEFAULT_AFTER_LOGIN = '/sidebar'
const WECOM_AUTHORIZE = 'https://open.weixin.qq.com/connect/oauth2/authorize'

/**
 * Where the browser is sent to authorize. The one simulator switch in the login path: in DEMO mode,
 * when `apiBase` points at the bundled simulator (`…/simulator/cgi-bin`), its authorize page stands
 * in for open.weixin.qq.com. Any other configuration uses the real WeCom page.
 */
export function authorizeBase(config: Readonly<Config>): string {
  const usesSimulator = config.demo && new URL(config.wecom.apiBase).pathname.startsWith('/simulator/')
  return usesSimulator ? `${config.publicBaseUrl}/simulator/oauth/authorize` : WECOM_AUTHORIZE
}

export function callbackUrl(config: Readonly<Config>): string {
  return `${config.publicBaseUrl}/auth/wecom/callback`
}

/** snsapi_base authorize URL (facts §3); `#wechat_redirect` must stay last. */
export function buildAuthorizeUrl(config: Readonly<Config>, state: string): string {
  const q = new URLSearchParams({
    appid: config.wecom.corpId,
    redirect_uri: callbackUrl(config),
    response_type: 'code',
    scope: 'snsapi_base',
    state,
    agentid: config.wecom.agentId,
  })
  return `${authorizeBase(config)}?${q.toString()}#wechat_redirect`
}

export const newOauthState = () => randomAlnum(32)

/** Same-origin path or the default: blocks `//evil.com`, `/\evil.com`, absolute URLs and control characters. */
export function safeRedirect(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512) return DEFAULT_AFTER_LOGIN
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (!/^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(raw)) return DEFAULT_AFTER_LOGIN
  return raw
}

export type LoginOutcome =
  | { kind: 'ok'; staff: SessionStaff }
  /** Signed in to WeCom, but not someone who may use the app (external user, unknown or inactive staff). */
  | { kind: 'refused' }
  /** The code is used or older than 5 minutes (40029): start over. */
  | { kind: 'code-expired' }
  | { kind: 'wecom-failed' }

/** Exchanges the OAuth code for a member userid and finds the active staff row. */
export async function completeLogin(ctx: AppContext, client: WecomClient, code: string): Promise<LoginOutcome> {
  let userid: string | undefined
  try {
    const info = await client.getUserInfo(code)
    userid = info.userid
  } catch (err) {
    if (err instanceof WecomApiError && err.errcode === 40029) return { kind: 'code-expired' }
    logWecomFailure(ctx, err, 'oauth getuserinfo')
    return { kind: 'wecom-failed' }
  }
  // A reply with openid (and no userid) is a WeChat user, never a member of this corp.
  if (!userid) return { kind: 'refused' }
  const staff = await findActiveStaffByUserid(ctx.db.kysely, userid)
  return staff ? { kind: 'ok', staff } : { kind: 'refused' }
}
