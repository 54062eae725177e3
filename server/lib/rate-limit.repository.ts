import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.js'

type Q = Kysely<Database>

/** Adds one hit to the window's counter (created at 1 if new) and returns the new count, atomically. */
export async function countHit(db: Q, windowKey: string, windowEnd: number): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key: windowKey, count: 1, window_end: windowEnd })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function deleteWindowsEndedBefore(db: Q, nowMs: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_end', '<', nowMs).execute()
}
