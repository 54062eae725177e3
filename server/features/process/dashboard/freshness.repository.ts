import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** An event not rolled up yet, if any. */
export async function anyEventNotRolledUp(db: Q) {
  return db.selectFrom('events').select('id').where('rolled_up', '=', 0).limit(1).executeTakeFirst()
}

/** A dashboard rollup mark still waiting, if any. */
export async function anyDirtyMark(db: Q) {
  return db.selectFrom('rollup_dirty').select('key').limit(1).executeTakeFirst()
}
