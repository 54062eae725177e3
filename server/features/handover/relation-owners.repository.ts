import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** Whether the relation has any owner history yet. */
export async function hasOwnerHistory(db: Q, relationId: number): Promise<boolean> {
  const history = await db
    .selectFrom('relation_owners')
    .select('id')
    .where('relation_id', '=', relationId)
    .executeTakeFirst()
  return !!history
}

export async function insertOwnerStint(db: Q, stint: Insertable<Database['relation_owners']>): Promise<void> {
  await db.insertInto('relation_owners').values(stint).execute()
}

/** Ends the owner's open stint on the relation. */
export async function closeOwnerStint(db: Q, relationId: number, ownerUserid: string, at: string): Promise<void> {
  await db
    .updateTable('relation_owners')
    .set({ to_at: at })
    .where('relation_id', '=', relationId)
    .where('owner_userid', '=', ownerUserid)
    .where('to_at', 'is', null)
    .execute()
}
