import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>
export type ReplyUseRow = Selectable<Database['reply_uses']>

export async function insertReplyUse(db: Q, values: Insertable<Database['reply_uses']>): Promise<void> {
  await db.insertInto('reply_uses').values(values).execute()
}

/** The manager's own prepared reply, sent or not. */
export async function findReplyUseOfStaff(db: Q, id: string, staffUserid: string): Promise<ReplyUseRow | undefined> {
  return db
    .selectFrom('reply_uses')
    .selectAll()
    .where('id', '=', id)
    .where('staff_userid', '=', staffUserid)
    .executeTakeFirst()
}

/** Marks the reply as sent unless it already is. */
export async function markReplyUseSent(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('reply_uses').set({ sent_at: at }).where('id', '=', id).where('sent_at', 'is', null).execute()
}
