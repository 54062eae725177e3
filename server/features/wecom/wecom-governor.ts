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

const MINUTE = 60_000

/** Waits for a slot in both the per-API and the corp-wide minute windows, or throws once the wait budget is spent. */
export async function paceCall(db: Kysely<Database>, scope: string, api: string, hooks: GovernorHooks): Promise<void> {
  let waited = 0
  for (;;) {
    const now = hooks.now()
    const perApi = await hitRateLimit(db, `wecom:${scope}:api:${api}`, hooks.perApiPerMinute, MINUTE, now)
    const corp = perApi.allowed
      ? await hitRateLimit(db, `wecom:${scope}:corp`, hooks.corpPerMinute, MINUTE, now)
      : perApi
    if (perApi.allowed && corp.allowed) return
    const wait = MINUTE - (now.getTime() % MINUTE) + 1
    if (waited + wait > hooks.maxWaitMs) throw new WecomRateLimitError('local pacing budget spent', api)
    await hooks.sleep(wait)
    waited += wait
  }
}
