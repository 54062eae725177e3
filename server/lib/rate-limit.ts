import type { Request, RequestHandler } from 'express'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/database.js'
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
  const row = await db
    .insertInto('rate_limits')
    .values({ key: `${key}@${windowStart}`, count: 1, window_end: windowEnd })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  if (++hitsSinceSweep >= SWEEP_EVERY) {
    hitsSinceSweep = 0
    await db.deleteFrom('rate_limits').where('window_end', '<', nowMs).execute()
  }
  const count = Number(row.count)
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
    const result = await hitRateLimit(ctx.db.kysely, `${opts.name}:${opts.key(req)}`, opts.limit, opts.windowMs, ctx.now())
    if (!result.allowed) {
      res.setHeader('Retry-After', String(result.retryAfterSec))
      throw new AppError('RATE_LIMITED', 429, `请求过于频繁，请 ${result.retryAfterSec} 秒后再试`)
    }
    next()
  }
}
