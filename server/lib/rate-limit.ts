import type { Request, RequestHandler } from 'express'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { countHit, deleteWindowsEndedBefore } from './rate-limit.repository.js'
import type { AppContext } from './context.js'
import { AppError } from './errors.js'

/** One fixed-window counter; `key` embeds the window start so a new window starts at 1. */
export interface RateLimitsTable {
  key: string
  count: number
  /** epoch ms at which this window closes */
  window_end: number
}

export interface RateLimitResult {
  allowed: boolean
  count: number
  /** Seconds until the current window closes (≥ 1). */
  retryAfterSec: number
}

// Expired windows are swept every so many hits per process; the table stays small without a timer.
const SWEEP_EVERY = 200
let hitsSinceSweep = 0

/**
 * Counts one hit against `key` in a database-backed fixed window shared by every instance.
 * The upsert is atomic on SQLite and PostgreSQL, so concurrent hits never lose a count.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<RateLimitResult> {
  const nowMs = now.getTime()
  const windowStart = Math.floor(nowMs / windowMs) * windowMs
  const windowEnd = windowStart + windowMs
  const count = await countHit(db, `${key}@${windowStart}`, windowEnd)
  if (++hitsSinceSweep >= SWEEP_EVERY) {
    hitsSinceSweep = 0
    await deleteWindowsEndedBefore(db, nowMs)
  }
  return { allowed: count <= limit, count, retryAfterSec: Math.max(1, Math.ceil((windowEnd - nowMs) / 1000)) }
}

export interface RateLimitOptions {
  /** Namespaces the counter, e.g. `js-signatures`. */
  name: string
  limit: number
  windowMs: number
  /** What to count by, usually `req.ip`. */
  key: (req: Request) => string
}

/** Express middleware: 429 `RATE_LIMITED` with Retry-After once `limit` hits land in one window. */
export function rateLimit(ctx: AppContext, opts: RateLimitOptions): RequestHandler {
  return async (req, res, next) => {
    const result = await hitRateLimit(
      ctx.db.kysely,
      `${opts.name}:${opts.key(req)}`,
      opts.limit,
      opts.windowMs,
      ctx.now(),
    )
    if (!result.allowed) throw tooMany(res, result.retryAfterSec)
    next()
  }
}

const tooMany = (res: { setHeader(name: string, value: string): unknown }, retryAfterSec: number) => {
  res.setHeader('Retry-After', String(retryAfterSec))
  return new AppError('RATE_LIMITED', 429, `请求过于频繁，请 ${retryAfterSec} 秒后再试`)
}

/**
 * The same fixed window, counted in this process's memory: for signed-in staff's cost guards on
 * routes called as they type (a database write per keystroke would cost more than the search). Each
 * API instance counts on its own, so N instances allow N × `limit`; security limits on public paths
 * use `rateLimit`, which every instance shares.
 */
export function localRateLimit(ctx: AppContext, opts: RateLimitOptions): RequestHandler {
  const windows = new Map<string, { end: number; count: number }>()
  return (req, res, next) => {
    const nowMs = ctx.now().getTime()
    const key = opts.key(req)
    let w = windows.get(key)
    if (!w || w.end <= nowMs) {
      // Windows close together, so clearing the lot when one closes keeps the map to one window's keys.
      if (w) for (const [k, v] of windows) if (v.end <= nowMs) windows.delete(k)
      const start = Math.floor(nowMs / opts.windowMs) * opts.windowMs
      w = { end: start + opts.windowMs, count: 0 }
      windows.set(key, w)
    }
    if (++w.count > opts.limit) throw tooMany(res, Math.max(1, Math.ceil((w.end - nowMs) / 1000)))
    next()
  }
}
