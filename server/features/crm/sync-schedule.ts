import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { CrmSource } from './crm-source.js'
import { httpCrmSource } from './http-source.js'
import { nightlyRunsSince } from './runs.repository.js'
import { runSync } from './sync.service.js'

const CHECK_MS = 60_000
const RETRY_AFTER_MS = 30 * 60_000
const ATTEMPTS_PER_NIGHT = 3

/** Start of today in Beijing, and whether Beijing's clock has passed HH:MM. */
function beijing(now: Date, at: string): { dayStart: Date; due: boolean } {
  const local = new Date(now.getTime() + 8 * 3600_000)
  const dayStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3600_000)
  const [h, m] = at.split(':').map(Number) as [number, number]
  return { dayStart, due: local.getUTCHours() * 60 + local.getUTCMinutes() >= h * 60 + m }
}

/**
 * Whether tonight's sync should start now: past the configured time, nothing succeeded tonight, and a
 * failed attempt is retried after 30 minutes, at most three times. Every instance asks; the lease lets one run.
 */
export async function nightlySyncDue(ctx: AppContext, now: Date): Promise<boolean> {
  const { dayStart, due } = beijing(now, ctx.config.crm.syncAt)
  if (!due) return false
  const tonight = await nightlyRunsSince(ctx.db.kysely, dayStart.toISOString())
  if (tonight.some((r) => r.status === 'succeeded' || r.status === 'running') || tonight.length >= ATTEMPTS_PER_NIGHT)
    return false
  return !tonight[0] || now.getTime() - new Date(tonight[0].started_at).getTime() >= RETRY_AFTER_MS
}

/** Checks every minute whether the nightly sync is due; returns a stop function. */
export function startNightlySync(ctx: AppContext, source: CrmSource): () => void {
  const timer = setInterval(async () => {
    try {
      if (await nightlySyncDue(ctx, ctx.now())) await runSync(ctx, source, { trigger: 'nightly', actorStaffId: null })
    } catch (err) {
      if (!(err instanceof AppError))
        ctx.logger.error({ errName: err instanceof Error ? err.name : 'unknown' }, 'nightly crm sync check failed')
    }
  }, CHECK_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/** The configured pull source, or undefined when the bank loads files only. */
export function crmSourceOf(config: AppContext['config']): CrmSource | undefined {
  const { sourceUrl, sourceToken } = config.crm
  return sourceUrl && sourceToken ? httpCrmSource({ baseUrl: sourceUrl, token: sourceToken }) : undefined
}

/** Nightly sync in this process when a pull source is configured; returns a stop function. */
export function startCrmSchedule(ctx: AppContext): () => void {
  const source = crmSourceOf(ctx.config)
  return source ? startNightlySync(ctx, source) : () => {}
}
