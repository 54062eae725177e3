import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

type Q = Kysely<Database>

/** The value stored under a key and when it expires (epoch ms, `null` never). */
export async function readKv(db: Q, key: string) {
  return db.selectFrom('kv').select(['value', 'expires_at']).where('key', '=', key).executeTakeFirst()
}

/** Stores the value under the key until `expiresAt`, replacing what was there. */
export async function writeKv(db: Q, key: string, value: string, expiresAt: number): Promise<void> {
  await db
    .insertInto('kv')
    .values({ key, value, expires_at: expiresAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: expiresAt }))
    .execute()
}

/** Removes the key (only while it still holds `value`, when given). */
export async function deleteKv(db: Q, key: string, value?: string): Promise<void> {
  let query = db.deleteFrom('kv').where('key', '=', key)
  if (value !== undefined) query = query.where('value', '=', value)
  await query.execute()
}
