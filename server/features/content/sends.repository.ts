import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { ContentSendsTable } from './content.table.js'

type Q = Kysely<Database>
export type ContentSendRow = Selectable<ContentSendsTable>

export async function insertContentSend(db: Q, values: Insertable<ContentSendsTable>): Promise<void> {
  await db.insertInto('content_sends').values(values).execute()
}

/** The manager's own send, sent or not. */
export async function findSendOfStaff(db: Q, sendId: string, staffUserid: string): Promise<ContentSendRow | undefined> {
  return db
    .selectFrom('content_sends')
    .selectAll()
    .where('id', '=', sendId)
    .where('staff_userid', '=', staffUserid)
    .executeTakeFirst()
}

/** Marks the send as sent unless it already is. */
export async function markSendSent(db: Q, sendId: string, at: string): Promise<void> {
  await db
    .updateTable('content_sends')
    .set({ sent_at: at })
    .where('id', '=', sendId)
    .where('sent_at', 'is', null)
    .execute()
}

/** A send that went out (the sidebar confirmed it); unsent ones have no public page. */
export async function findSentSend(db: Q, sendId: string): Promise<ContentSendRow | undefined> {
  return db
    .selectFrom('content_sends')
    .selectAll()
    .where('id', '=', sendId)
    .where('sent_at', 'is not', null)
    .executeTakeFirst()
}

/** Roots and times of the sends to this contact (or, without one, this group) that went out since `since`. */
export async function listSendsToTargetSince(
  db: Q,
  target: { externalUserId?: string; chatId?: string },
  since: string,
): Promise<{ root_id: number; sent_at: string | null }[]> {
  let query = db.selectFrom('content_sends').select(['root_id', 'sent_at']).where('sent_at', '>=', since)
  query = target.externalUserId
    ? query.where('external_userid', '=', target.externalUserId)
    : query.where('chat_id', '=', target.chatId ?? '')
  return query.execute()
}

/** The sending manager's display name and branch, all a customer's page shows of them. */
export async function findSenderCard(db: Q, staffUserid: string) {
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.name', 'branches.name as branchName'])
    .where('staff.wecom_userid', '=', staffUserid)
    .executeTakeFirst()
}
