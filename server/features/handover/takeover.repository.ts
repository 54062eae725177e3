import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The relation between a member and a contact, deleted or not. */
export async function findRelationOf(db: Q, staffUserid: string, externalUserid: string) {
  return db
    .selectFrom('wecom_contacts')
    .selectAll()
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', '=', externalUserid)
    .executeTakeFirst()
}

/** Whether (and since when) a member already has the contact: the relation's id, add time and who deleted it. */
export async function findRelationStateOf(db: Q, staffUserid: string, externalUserid: string) {
  return db
    .selectFrom('wecom_contacts')
    .select(['id', 'add_time', 'deleted_by'])
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', '=', externalUserid)
    .executeTakeFirst()
}

/** Ends a relation as if the member deleted the contact (the takeover went to their own older relation). */
export async function endRelationByStaff(db: Q, relationId: number, at: string): Promise<void> {
  await db
    .updateTable('wecom_contacts')
    .set({ deleted_at: at, deleted_by: 'staff', updated_at: at })
    .where('id', '=', relationId)
    .execute()
}

export async function deleteRelation(db: Q, relationId: number): Promise<void> {
  await db.deleteFrom('wecom_contacts').where('id', '=', relationId).execute()
}

/** Hands the relation row to the successor, live again; `addedBy` keeps who first added the customer. */
export async function moveRelationTo(
  db: Q,
  relationId: number,
  move: { staffUserid: string; addedBy: string; at: string },
): Promise<void> {
  await db
    .updateTable('wecom_contacts')
    .set({
      staff_userid: move.staffUserid,
      added_by: move.addedBy,
      deleted_at: null,
      deleted_by: null,
      updated_at: move.at,
    })
    .where('id', '=', relationId)
    .execute()
}
