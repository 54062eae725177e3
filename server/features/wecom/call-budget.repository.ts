import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { PACE_WINDOW_MS, paceKeys, WECOM_PACE } from './wecom-governor.js'

export interface CallBudgetUse {
  /** The qyapi path, or `*` for the corp-wide count. */
  api: string
  used: number
  budget: number
}

/**
 * WeCom calls paced in the current minute window, per API and corp-wide, against the governor's budget.
 * Read from the shared counters, so any instance reports the whole fleet's use.
 */
export async function callBudgetUse(db: Kysely<Database>, scope: string, now: Date): Promise<CallBudgetUse[]> {
  const windowStart = Math.floor(now.getTime() / PACE_WINDOW_MS) * PACE_WINDOW_MS
  const suffix = `@${windowStart}`
  const apiPrefix = `${paceKeys.perApi(scope, '')}`
  const corpKey = `${paceKeys.corp(scope)}${suffix}`
  const rows = await db
    .selectFrom('rate_limits')
    .select(['key', 'count'])
    .where('window_end', '=', windowStart + PACE_WINDOW_MS)
    .where('key', 'like', `wecom:%`)
    .execute()
  const use: CallBudgetUse[] = [{ api: '*', used: 0, budget: WECOM_PACE.corpPerMinute }]
  for (const r of rows) {
    if (r.key === corpKey) use[0]!.used = Number(r.count)
    else if (r.key.startsWith(apiPrefix) && r.key.endsWith(suffix))
      use.push({
        api: r.key.slice(apiPrefix.length, -suffix.length),
        used: Number(r.count),
        budget: WECOM_PACE.perApiPerMinute,
      })
  }
  return use
}
