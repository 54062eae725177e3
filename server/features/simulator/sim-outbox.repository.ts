import type { Kysely } from 'kysely'
import type { Db } from '../../db/connect.js'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>
const kyselyOf = (db: Db | Q): Q => ('kysely' in db ? db.kysely : db)

/** Records an SMS the demo SmsSender "sent", so the simulator's outbox can show it. */
export async function recordSimulatedSms(db: Db | Q, phone: string, text: string, now: Date): Promise<void> {
  await kyselyOf(db).insertInto('sim_sms').values({ phone, text, sent_at: now.toISOString() }).execute()
}

export async function listSms(db: Q, phone: string | undefined, limit = 50) {
  let q = db
    .selectFrom('sim_sms')
    .select(['id', 'phone', 'text', 'sent_at as sentAt'])
    .orderBy('id', 'desc')
    .limit(limit)
  if (phone) q = q.where('phone', '=', phone)
  return q.execute()
}

export async function insertChatMessage(
  db: Q,
  m: {
    userid: string
    conversationId: string
    sender: 'staff' | 'customer'
    msgtype: string
    payload: unknown
    now: Date
  },
): Promise<number> {
  const row = await db
    .insertInto('sim_chat_messages')
    .values({
      userid: m.userid,
      conversation_id: m.conversationId,
      sender: m.sender,
      msgtype: m.msgtype,
      payload: JSON.stringify(m.payload),
      sent_at: m.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export async function listChatMessages(db: Q, userid: string, conversationId: string) {
  const rows = await db
    .selectFrom('sim_chat_messages')
    .select(['id', 'sender', 'msgtype', 'payload', 'sent_at'])
    .where('userid', '=', userid)
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    sender: r.sender,
    msgtype: r.msgtype,
    message: JSON.parse(r.payload) as unknown,
    sentAt: r.sent_at,
  }))
}
