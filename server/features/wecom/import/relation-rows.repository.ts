import type { Insertable, Kysely, Updateable } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** The details an import compares with WeCom's listing. */
export const DETAIL_FIELDS = [
  'name',
  'avatar',
  'type',
  'corp_name',
  'gender',
  'add_time',
  'add_way',
  'state',
  'remark',
] as const

/** Every stored relation (any member, deleted or not) of these contacts, with the details an import compares. */
export async function findStoredRelationsOf(db: Q, externalUserids: string[]) {
  return db
    .selectFrom('wecom_contacts')
    .select(['id', 'staff_userid', 'external_userid', 'deleted_at', 'deleted_by', ...DETAIL_FIELDS])
    .where('external_userid', 'in', externalUserids)
    .execute()
}

export async function updateRelationById(
  db: Q,
  id: number,
  update: Updateable<Database['wecom_contacts']>,
): Promise<void> {
  await db.updateTable('wecom_contacts').set(update).where('id', '=', id).execute()
}

/** Stores the relations; one stored meanwhile for the same member and contact is left as it is. */
export async function insertMissingRelations(db: Q, rows: Insertable<Database['wecom_contacts']>[]): Promise<void> {
  await db
    .insertInto('wecom_contacts')
    .values(rows)
    .onConflict((oc) => oc.columns(['staff_userid', 'external_userid']).doNothing())
    .execute()
}

/** Notes the (member, contact) pairs this pass has seen listed. */
export async function recordSeenRelations(
  db: Q,
  pairs: { staff_userid: string; external_userid: string }[],
): Promise<void> {
  await db
    .insertInto('wecom_import_seen')
    .values(pairs)
    .onConflict((oc) => oc.columns(['staff_userid', 'external_userid']).doNothing())
    .execute()
}

/**
 * Ends the live relations of these members that this pass did not see listed and no callback wrote since
 * `startedAt` (as the member's deletion); returns how many.
 */
export async function endUnseenRelations(db: Q, userids: string[], startedAt: string, now: string): Promise<number> {
  const r = await db
    .updateTable('wecom_contacts')
    .set({ deleted_at: now, deleted_by: 'staff', updated_at: now })
    .where('staff_userid', 'in', userids)
    .where('deleted_at', 'is', null)
    .where('updated_at', '<', startedAt)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('wecom_import_seen')
            .select('wecom_import_seen.staff_userid')
            .whereRef('wecom_import_seen.staff_userid', '=', 'wecom_contacts.staff_userid')
            .whereRef('wecom_import_seen.external_userid', '=', 'wecom_contacts.external_userid'),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function forgetSeenRelations(db: Q, userids: string[]): Promise<void> {
  await db.deleteFrom('wecom_import_seen').where('staff_userid', 'in', userids).execute()
}

/** Appends these events at once; a repeated dedupe key is ignored. */
export async function insertEventsOnce(db: Q, events: Insertable<Database['events']>[]): Promise<void> {
  await db
    .insertInto('events')
    .values(events)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}
