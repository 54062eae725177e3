import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

export type PurgeTable = 'wecom_callbacks' | 'welcome_sends' | 'events' | 'audit_log'

/** Selects one batch of ids old enough to go; each table keeps what is still needed. */
export function oldIds(trx: Kysely<Database>, table: PurgeTable, cutoff: string, size: number) {
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

/** Deletes these rows of the table; returns how many went. */
export async function deleteRowsById(trx: Kysely<Database>, table: PurgeTable, ids: number[]): Promise<number> {
  const res = await trx.deleteFrom(table).where('id', 'in', ids).executeTakeFirst()
  return Number(res.numDeletedRows)
}
