import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** Callbacks stored but not yet applied (nor dead-lettered). */
export async function countPendingCallbacks(db: Q): Promise<number> {
  const pending = await db
    .selectFrom('wecom_callbacks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('processed_at', 'is', null)
    .where('dead_at', 'is', null)
    .executeTakeFirst()
  return Number(pending?.n ?? 0)
}

/** The last ten runs of the relation import, newest first. */
export async function recentRelationRuns(db: Q) {
  return db
    .selectFrom('sync_runs')
    .select(['id', 'trigger', 'status', 'started_at', 'finished_at', 'error'])
    .where('job', '=', 'relations')
    .orderBy('id', 'desc')
    .limit(10)
    .execute()
}
