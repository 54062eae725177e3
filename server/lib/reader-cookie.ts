import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'
import type { Config } from '../config.js'
import { AppError } from './errors.js'

/**
 * Who read a content link, as far as "once per device" needs: a random id in a first-party cookie the
 * server issues and signs, so a client cannot choose (or make up) its own. The id names no one; only
 * its SHA-256 is ever stored (`readerKey`).
 */
export const READER_COOKIE = 'ad_reader'
const READER_PATH = '/api/public/content'
const READER_DAYS = 365
// 16 random bytes and a 128-bit HMAC tag, both base64url.
const FORMAT = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/

type Secret = Pick<Config, 'sessionSecret' | 'publicBaseUrl'>

const tagOf = (secret: string, id: string) =>
  createHmac('sha256', secret).update(`content-reader:${id}`).digest('base64url').slice(0, 22)

/** The reader id of a cookie this server issued; null when there is none or it is malformed or forged. */
export function readerOf(req: Pick<Request, 'cookies'>, config: Secret): string | null {
  const raw = (req.cookies as Record<string, string> | undefined)?.[READER_COOKIE]
  const m = raw ? FORMAT.exec(raw) : null
  if (!m) return null
  const [, id, tag] = m
  return timingSafeEqual(Buffer.from(tag!), Buffer.from(tagOf(config.sessionSecret, id!))) ? id! : null
}

/** Issues a reader cookie unless the request carries a valid one: HttpOnly, Lax, Secure on HTTPS, content paths only. */
export function ensureReaderCookie(req: Pick<Request, 'cookies'>, res: Response, config: Secret): void {
  if (readerOf(req, config)) return
  const id = randomBytes(16).toString('base64url')
  res.cookie(READER_COOKIE, `${id}.${tagOf(config.sessionSecret, id)}`, {
    httpOnly: true,
    secure: config.publicBaseUrl.startsWith('https:'),
    sameSite: 'lax',
    path: READER_PATH,
    maxAge: READER_DAYS * 86_400_000,
  })
}

/** What is stored for a reader (in event dedupe keys): a hash, so the database holds no usable cookie. */
export const readerKey = (id: string) => createHash('sha256').update(id).digest('base64url')

/** The stored key of the request's reader; 400 when the request has no cookie this server issued. */
export function requireReaderKey(req: Pick<Request, 'cookies'>, config: Secret): string {
  const id = readerOf(req, config)
  if (!id) throw new AppError('READER_COOKIE_MISSING', 400, '无法确认本次访问，请重新打开链接后再试')
  return readerKey(id)
}
