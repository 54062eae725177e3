import { createHmac, timingSafeEqual } from 'node:crypto'
import type { CookieOptions, Response } from 'express'
import type { Config } from '../../config.js'

export const SESSION_COOKIE = 'ad_session'
const SESSION_HOURS = 12

interface SessionPayload {
  /** staff.id */
  sub: string
  /** expiry, epoch seconds */
  exp: number
}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url')
}

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

export function issueSession(res: Response, config: Config, staffId: string, now: Date): void {
  const payload: SessionPayload = { sub: staffId, exp: Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600 }
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  res.cookie(
    SESSION_COOKIE,
    `${body}.${sign(body, config.sessionSecret)}`,
    cookieOptions(config, SESSION_HOURS * 3600_000),
  )
}

export function clearSession(res: Response, config: Config): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(config))
}

/** Returns the staff id of a valid, unexpired cookie, or null for anything else. */
export function readSession(raw: string | undefined, secret: string, now: Date): string | null {
  if (!raw || raw.length > 1024) return null
  const [body, mac] = raw.split('.')
  if (!body || !mac) return null
  const expected = Buffer.from(sign(body, secret))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SessionPayload>
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null
    return payload.exp * 1000 > now.getTime() ? payload.sub : null
  } catch {
    return null
  }
}
