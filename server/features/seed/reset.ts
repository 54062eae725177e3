import { sql } from 'kysely'
import type { Db } from '../../db/connect.js'
import { clearContentDemo } from './content-demo.js'

/** Seeded tables, parents before children: insert in this order, delete in reverse. */
export const SEEDED_TABLES = [
  'branches',
  'staff',
  'corp_tags',
  'customers',
  'holdings',
  'sim_people',
  'sim_follows',
  'wecom_contacts',
  'contact_tags',
  'bindings',
  'events',
] as const
export type SeededTable = (typeof SEEDED_TABLES)[number]

const WITH_SERIAL_ID = ['holdings', 'wecom_contacts', 'bindings', 'events'] as const

/**
 * Deletes every row of the seeded tables and restarts their id counters, so a reseed produces the
 * same ids as a seed into a fresh database.
 */
export async function resetSeededTables(db: Db): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await clearContentDemo(trx, db.dialect)
    // Rollups are derived from the seeded rows: they go with them.
    for (const table of ['staff_daily', 'ref_daily', 'add_verdicts', 'staff_coverage'] as const)
      await trx.deleteFrom(table).execute()
    for (const table of [...SEEDED_TABLES].reverse()) await trx.deleteFrom(table).execute()
    // The deletes above marked every contact and owner; nothing of them is left to judge.
    await trx.deleteFrom('rollup_dirty').execute()
    for (const table of WITH_SERIAL_ID) {
      if (db.dialect === 'postgres')
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), 1, false)`.execute(trx)
      else await sql`delete from sqlite_sequence where name = ${table}`.execute(trx)
    }
  })
}
