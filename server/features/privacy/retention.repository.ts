import type { Kysely, Updateable } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The one row of retention settings (the migration inserts it). */
export async function findRetentionSettings(db: Q) {
  return db.selectFrom('retention_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export async function updateRetentionSettings(db: Q, set: Updateable<Database['retention_settings']>): Promise<void> {
  await db.updateTable('retention_settings').set(set).where('id', '=', 1).execute()
}
