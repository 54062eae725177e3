import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { Delta, RollupEvent } from './metrics.js'

/** The next events not yet folded into the rollups, oldest first; after `afterId` when reading on from a cursor. */
export async function unrolledEvents(
  db: Kysely<Database>,
  size: number,
  afterId: number,
): Promise<(RollupEvent & { id: number })[]> {
  return db
    .selectFrom('events')
    .select(['id', 'type', 'staff_userid', 'ref_id', 'occurred_at', 'payload'])
    .where('rolled_up', '=', 0)
    .$if(afterId > 0, (q) => q.where('id', '>', afterId))
    .orderBy('id')
    .limit(size)
    .execute()
}

/** Marks the events folded; returns how many were still unmarked (fewer: another instance took some first). */
export async function markEventsRolledUp(db: Kysely<Database>, ids: number[]): Promise<number> {
  const marked = await db
    .updateTable('events')
    .set({ rolled_up: 1 })
    .where('id', 'in', ids)
    .where('rolled_up', '=', 0)
    .executeTakeFirst()
  return Number(marked.numUpdatedRows)
}

/** Adds to the per-member daily counts with an atomic upsert (n = n + delta). */
export async function addToStaffDaily(db: Kysely<Database>, deltas: Delta[]): Promise<void> {
  await db
    .insertInto('staff_daily')
    .values(deltas.map((d) => ({ staff_userid: d.key, day: d.day, metric: d.metric, n: d.n })))
    .onConflict((oc) =>
      oc.columns(['staff_userid', 'day', 'metric']).doUpdateSet({ n: sql<number>`staff_daily.n + excluded.n` }),
    )
    .execute()
}

/** Adds to the per-item daily counts with an atomic upsert (n = n + delta). */
export async function addToRefDaily(db: Kysely<Database>, deltas: Delta[]): Promise<void> {
  await db
    .insertInto('ref_daily')
    .values(deltas.map((d) => ({ ref_id: d.key, day: d.day, metric: d.metric, n: d.n })))
    .onConflict((oc) =>
      oc.columns(['ref_id', 'day', 'metric']).doUpdateSet({ n: sql<number>`ref_daily.n + excluded.n` }),
    )
    .execute()
}

/** Every event in log order, as the fold reads it. */
export async function allEventsInOrder(db: Kysely<Database>): Promise<RollupEvent[]> {
  return db
    .selectFrom('events')
    .select(['type', 'staff_userid', 'ref_id', 'occurred_at', 'payload'])
    .orderBy('id')
    .execute()
}

/** Empties both daily rollups and marks every event unfolded (inside the caller's transaction). */
export async function clearEventRollups(trx: Kysely<Database>): Promise<void> {
  await trx.deleteFrom('staff_daily').execute()
  await trx.deleteFrom('ref_daily').execute()
  await trx.updateTable('events').set({ rolled_up: 0 }).where('rolled_up', '=', 1).execute()
}
