import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { WecomContactsTable } from './contacts.table.js'

type Q = Kysely<Database>
export type ContactRow = Selectable<WecomContactsTable>

/** The follow relation between a member and a contact, unless the member deleted it. */
const liveRelation = preparedQuery<{ staffUserid: string; externalUserid: string }, ContactRow>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .selectAll()
    .where('staff_userid', '=', param('staffUserid'))
    .where('external_userid', '=', param('externalUserid'))
    .where((eb) => eb.or([eb('deleted_by', 'is', null), eb('deleted_by', '=', 'customer')])),
)

export async function findLiveRelation(
  db: Q,
  staffUserid: string,
  externalUserid: string,
): Promise<ContactRow | undefined> {
  return liveRelation.executeTakeFirst(db, { staffUserid, externalUserid })
}

/** Every relation any of our staff has with this contact, oldest add first. */
export async function listRelationsOfContact(db: Q, externalUserid: string): Promise<ContactRow[]> {
  return db
    .selectFrom('wecom_contacts')
    .selectAll()
    .where('external_userid', '=', externalUserid)
    .orderBy('add_time')
    .execute()
}
