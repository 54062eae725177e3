import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** Records the keys a run has seen; returns those it had not seen before. */
export async function markKeysSeen(db: Q, rows: Insertable<Database['crm_import_seen']>[]): Promise<string[]> {
  const inserted = await db
    .insertInto('crm_import_seen')
    .values(rows)
    .onConflict((oc) => oc.columns(['run_id', 'entity', 'key']).doNothing())
    .returning('key')
    .execute()
  return inserted.map((r) => r.key)
}

/** Where the run saw these keys of an entity first. */
export async function findSeenKeys(db: Q, runId: string, entity: string, keys: string[]) {
  return db
    .selectFrom('crm_import_seen')
    .select(['key', 'row_no', 'origin'])
    .where('run_id', '=', runId)
    .where('entity', '=', entity)
    .where('key', 'in', keys)
    .execute()
}

export async function forgetSeenKeysOfRun(db: Q, runId: string): Promise<void> {
  await db.deleteFrom('crm_import_seen').where('run_id', '=', runId).execute()
}
