import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The first owner change of the customer after `atIso`, if any. */
export async function firstOwnerChangeAfter(db: Q, cifNo: string, atIso: string) {
  return db
    .selectFrom('customer_owner_changes')
    .select('from_staff_id')
    .where('cif_no', '=', cifNo)
    .where('changed_at', '>', atIso)
    .orderBy('changed_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

/** The customer's owner today (`undefined` when CRM does not know the customer). */
export async function findCurrentOwner(db: Q, cifNo: string) {
  return db.selectFrom('customers').select('owner_staff_id').where('cif_no', '=', cifNo).executeTakeFirst()
}

export async function insertOwnerChanges(db: Q, changes: Insertable<Database['customer_owner_changes']>[]) {
  await db.insertInto('customer_owner_changes').values(changes).execute()
}
