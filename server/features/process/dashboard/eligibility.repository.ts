import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** Per contact, how many relations (with any of our staff, deleted ones included) it has. */
export async function countRelationsByContact(db: Q, externalUserids: string[]) {
  return db
    .selectFrom('wecom_contacts')
    .select(['external_userid', (eb) => eb.fn.countAll<number>().as('n')])
    .where('external_userid', 'in', externalUserids)
    .groupBy('external_userid')
    .execute()
}

/** The CRM facts the 计入考核 rules read: account, owner, segment. */
export async function customerRuleFacts(db: Q, cifNos: string[]) {
  return db
    .selectFrom('customers')
    .select(['cif_no', 'has_account', 'owner_staff_id', 'segment'])
    .where('cif_no', 'in', cifNos)
    .execute()
}

/**
 * Every add of these customers over every WeChat identity bound to them, oldest first (ties: older relation):
 * the first row per customer is its first add at the bank, the batch form of the profile's `firstAddOfCustomer`
 * (contacts/attribution.ts).
 */
export async function addsOfCustomersOldestFirst(db: Q, cifNos: string[]) {
  return db
    .selectFrom('wecom_contacts')
    .innerJoin('bindings', 'bindings.external_userid', 'wecom_contacts.external_userid')
    .select(['bindings.cif_no', 'wecom_contacts.staff_userid', 'wecom_contacts.add_time'])
    .where('bindings.cif_no', 'in', cifNos)
    .orderBy('wecom_contacts.add_time')
    .orderBy('wecom_contacts.id')
    .execute()
}
