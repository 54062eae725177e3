import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import { AppError } from '../../lib/errors.js'
import type { WecomContactsTable } from './relations.table.js'

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

/**
 * The manager's own live relation with the contact, or 403 NOT_YOUR_CONTACT: the one "is this my contact" check
 * of every sidebar route (the message may name what the manager was trying to do).
 */
export async function requireOwnContact(
  db: Q,
  staffUserid: string,
  externalUserid: string,
  message = '该客户不在您的企业微信联系人中',
): Promise<ContactRow> {
  const relation = await findLiveRelation(db, staffUserid, externalUserid)
  if (!relation) throw new AppError('NOT_YOUR_CONTACT', 403, message)
  return relation
}

/** Updates the member's relation with the contact, if stored (a transfer's delete never creates one). */
export async function updateRelation(
  db: Q,
  staffUserid: string,
  externalUserid: string,
  update: Updateable<Database['wecom_contacts']>,
): Promise<void> {
  await db
    .updateTable('wecom_contacts')
    .set(update)
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', '=', externalUserid)
    .execute()
}

/** Stores the relation, or applies `update` to the one already stored for the same member and contact. */
export async function upsertRelation(
  db: Q,
  relation: Insertable<Database['wecom_contacts']>,
  update: Updateable<Database['wecom_contacts']>,
): Promise<void> {
  await db
    .insertInto('wecom_contacts')
    .values(relation)
    .onConflict((oc) => oc.columns(['staff_userid', 'external_userid']).doUpdateSet(update))
    .execute()
}
