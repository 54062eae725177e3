import type { Kysely } from 'kysely'
import type { PurgeResult } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import { getRetention } from './retention.service.js'

const BATCH = 500
const DAY_MS = 86_400_000

type PurgeTable = 'wecom_callbacks' | 'welcome_sends' | 'events' | 'audit_log'

/** Selects one batch of ids old enough to go; each table keeps what is still needed. */
function oldIds(trx: Kysely<Database>, table: PurgeTable, cutoff: string, size: number) {
  switch (table) {
    // An unprocessed callback is still work to do, whatever its age.
    case 'wecom_callbacks':
      return trx
        .selectFrom('wecom_callbacks')
        .select('id')
        .where('received_at', '<', cutoff)
        .where('processed_at', 'is not', null)
        .orderBy('id')
        .limit(size)
        .execute()
    // A WelcomeCode is good for 20 seconds, so the claim that stops a second send is long spent by the cutoff.
    case 'welcome_sends':
      return trx
        .selectFrom('welcome_sends')
        .select('id')
        .where('attempted_at', '<', cutoff)
        .orderBy('id')
        .limit(size)
        .execute()
    // Only events already folded into the daily rollups: the rollups keep their counts after the purge.
    case 'events':
      return trx
        .selectFrom('events')
        .select('id')
        .where('occurred_at', '<', cutoff)
        .where('rolled_up', '=', 1)
        .orderBy('id')
        .limit(size)
        .execute()
    case 'audit_log':
      return trx.selectFrom('audit_log').select('id').where('at', '<', cutoff).orderBy('id').limit(size).execute()
  }
}

/** Deletes rows older than `cutoff` a batch per transaction, so neither database holds a long lock. */
async function purgeTable(db: Kysely<Database>, table: PurgeTable, cutoff: string, size: number): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const ids = (await oldIds(trx, table, cutoff, size)).map((r) => Number(r.id))
      if (!ids.length) return 0
      const res = await trx.deleteFrom(table).where('id', 'in', ids).executeTakeFirst()
      return Number(res.numDeletedRows)
    })
    total += n
    if (n < size) return total
  }
}

/**
 * Deletes raw callbacks and the welcome messages sent on them (both kept as long as raw callbacks), events and
 * audit entries past their retention. The rollup tables
 * (`staff_daily`, `ref_daily`, `behavior_daily`) are never touched. Returns rows deleted per kind.
 */
export async function purgeExpired(
  db: Kysely<Database>,
  now: Date,
  opts: { batchSize?: number } = {},
): Promise<PurgeResult> {
  const r = await getRetention(db)
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString()
  const size = opts.batchSize ?? BATCH
  return {
    callbacks: await purgeTable(db, 'wecom_callbacks', cutoff(r.callbacksDays), size),
    welcomeSends: await purgeTable(db, 'welcome_sends', cutoff(r.callbacksDays), size),
    events: await purgeTable(db, 'events', cutoff(r.eventsDays), size),
    audit: await purgeTable(db, 'audit_log', cutoff(r.auditDays), size),
  }
}
