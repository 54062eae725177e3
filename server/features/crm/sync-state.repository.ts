import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** Every entity's stored sync cursor. */
export async function listSyncCursors(db: Q) {
  return db.selectFrom('crm_sync_state').select(['entity', 'cursor', 'updated_at']).orderBy('entity').execute()
}

/** Where the sync of an entity resumes (`null` from the start). */
export async function findSyncCursor(db: Q, entity: string): Promise<string | null> {
  return (
    (await db.selectFrom('crm_sync_state').select('cursor').where('entity', '=', entity).executeTakeFirst())?.cursor ??
    null
  )
}

export async function saveSyncCursor(db: Q, entity: string, cursor: string | null, at: string): Promise<void> {
  const state = { cursor, updated_at: at }
  await db
    .insertInto('crm_sync_state')
    .values({ entity, ...state })
    .onConflict((oc) => oc.column('entity').doUpdateSet(state))
    .execute()
}
