import type { Kysely } from 'kysely'
import type { PurgeResult } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import { deleteRowsById, oldIds, type PurgeTable } from './purge.repository.js'
import { getRetention } from './retention.service.js'

const BATCH = 500
const DAY_MS = 86_400_000

/** Deletes rows older than `cutoff` a batch per transaction, so neither database holds a long lock. */
async function purgeTable(db: Kysely<Database>, table: PurgeTable, cutoff: string, size: number): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const ids = (await oldIds(trx, table, cutoff, size)).map((r) => Number(r.id))
      if (!ids.length) return 0
      return deleteRowsById(trx, table, ids)
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
