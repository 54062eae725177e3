import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { WecomContactsTable } from './contacts.table.js'

type Q = Kysely<Database>
export type ContactRow = Selectable<WecomContactsTable>

/** The follow relation between a member and a contact, unless the member deleted it. */
export async function findLiveRelation(db: Q, staffUserid: string, externalUserid: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('wecom_contacts')
    .selectAll()
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', '=', externalUserid)
    .where((eb) => eb.or([eb('deleted_by', 'is', null), eb('deleted_by', '=', 'customer')]))
    .executeTakeFirst()
}

/** Every relation any of our staff has with this contact, oldest add first. */
export async function listRelationsOfContact(db: Q, externalUserid: string): Promise<ContactRow[]> {
  return db.selectFrom('wecom_contacts').selectAll().where('external_userid', '=', externalUserid).orderBy('add_time').execute()
}
