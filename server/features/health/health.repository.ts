import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.js'

/** Rejects when the database does not answer a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
