import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { hitRateLimit } from '../../lib/rate-limit.js'
import { WecomRateLimitError } from './wecom-errors.js'

/**
 * WeCom allows 10,000 calls a minute per API and 20,000 a minute per server IP (facts §6); a 45009 block
 * then lasts 60 s for everyone in the corp. We stay well below, counted in the database so every app
 * instance shares the same budget.
 */
export const WECOM_PACE = { perApiPerMinute: 6000, corpPerMinute: 12_000 }

export interface GovernorHooks {
  now: () => Date
  sleep: (ms: number) => Promise<void>
  /** Most a call may wait for pacing before it fails honestly instead. */
  maxWaitMs: number
  perApiPerMinute: number
  corpPerMinute: number
}

export const PACE_WINDOW_MS = 60_000
const MINUTE = PACE_WINDOW_MS

/** The counters paceCall keeps in `rate_limits` (the call-budget metric reads them back). */
export const paceKeys = {
  perApi: (scope: string, api: string) => `wecom:${scope}:api:${api}`,
  corp: (scope: string) => `wecom:${scope}:corp`,
}

/** Waits for a slot in both the per-API and the corp-wide minute windows, or throws once the wait budget is spent. */
export async function paceCall(db: Kysely<Database>, scope: string, api: string, hooks: GovernorHooks): Promise<void> {
  let waited = 0
  for (;;) {
    const now = hooks.now()
    const perApi = await hitRateLimit(db, paceKeys.perApi(scope, api), hooks.perApiPerMinute, MINUTE, now)
    const corp = perApi.allowed
      ? await hitRateLimit(db, paceKeys.corp(scope), hooks.corpPerMinute, MINUTE, now)
      : perApi
    if (perApi.allowed && corp.allowed) return
    const wait = MINUTE - (now.getTime() % MINUTE) + 1
    if (waited + wait > hooks.maxWaitMs) throw new WecomRateLimitError('local pacing budget spent', api)
    await hooks.sleep(wait)
    waited += wait
  }
}
