import type { CookieOptions, Request, Response } from 'express'
import type { Config } from '../../config.js'
import type { AppContext } from '../../lib/context.js'
import { createSession, endSession } from './sessions.repository.js'

export const SESSION_COOKIE = 'ad_session'
const SESSION_HOURS = 12
// 32 random bytes in base64url; anything else is not ours and never reaches the database.
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** WeCom's webview embeds the page cross-site on some clients, so HTTPS deployments need SameSite=None. */
export function cookieOptions(config: Pick<Config, 'publicBaseUrl'>, maxAgeMs?: number): CookieOptions {
  const secure = config.publicBaseUrl.startsWith('https:')
  return {
    httpOnly: true,
    secure,
    sameSite: secure ? 'none' : 'lax',
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  }
}

/** Starts a server-side session and sets its cookie: the cookie carries only the session's random token. */
export async function issueSession(res: Response, ctx: AppContext, staffId: string): Promise<void> {
  const token = await createSession(ctx.db.kysely, staffId, ctx.now(), SESSION_HOURS * 3600_000)
  res.cookie(SESSION_COOKIE, token, cookieOptions(ctx.config, SESSION_HOURS * 3600_000))
}

/** The request's session token if it is well-formed, else null. */
export function sessionToken(req: Pick<Request, 'cookies'>): string | null {
  const raw = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]
  return raw && TOKEN.test(raw) ? raw : null
}

/** Ends the request's session in the database (every instance) and clears the cookie. */
export async function endRequestSession(req: Pick<Request, 'cookies'>, res: Response, ctx: AppContext): Promise<void> {
  const token = sessionToken(req)
  if (token) await endSession(ctx.db.kysely, token)
  res.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config))
}
