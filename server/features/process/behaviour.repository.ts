import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { BehaviorDailyTable } from './process.table.js'

type Q = Kysely<Database>

/** Writes a window of a member's days; a day synced again is overwritten with WeCom's numbers. */
export async function upsertBehaviourDays(db: Q, rows: Insertable<BehaviorDailyTable>[]): Promise<void> {
  await db
    .insertInto('behavior_daily')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['staff_userid', 'day']).doUpdateSet((eb) => ({
        new_apply_cnt: eb.ref('excluded.new_apply_cnt'),
        new_contact_cnt: eb.ref('excluded.new_contact_cnt'),
        chat_cnt: eb.ref('excluded.chat_cnt'),
        message_cnt: eb.ref('excluded.message_cnt'),
        reply_percentage: eb.ref('excluded.reply_percentage'),
        avg_reply_time: eb.ref('excluded.avg_reply_time'),
        negative_feedback_cnt: eb.ref('excluded.negative_feedback_cnt'),
        synced_at: eb.ref('excluded.synced_at'),
      })),
    )
    .execute()
}

/** Friend requests a member sent over [from, to] (WeCom's new_apply_cnt). */
export async function sumFriendRequests(db: Q, staffUserid: string, from: string, to: string): Promise<number> {
  const r = await db
    .selectFrom('behavior_daily')
    .select((eb) => eb.fn.sum<number>('new_apply_cnt').as('n'))
    .where('staff_userid', '=', staffUserid)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** A member's average reply rate and reply minutes over [from, to], on the days with chats only. */
export async function averageReplyOnChatDays(db: Q, staffUserid: string, from: string, to: string) {
  return db
    .selectFrom('behavior_daily')
    .select((eb) => [
      eb.fn.avg<number>('reply_percentage').as('rate'),
      eb.fn.avg<number>('avg_reply_time').as('minutes'),
    ])
    .where('staff_userid', '=', staffUserid)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('chat_cnt', '>', 0)
    .executeTakeFirst()
}

/** Per member over [from, to]: requests, negative feedback, chats, and reply rate and minutes weighted by chats. */
export async function behaviourTotalsByStaff(db: Q, userids: string[], from: string, to: string) {
  return db
    .selectFrom('behavior_daily')
    .select((eb) => [
      'staff_userid',
      eb.fn.sum<number>('new_apply_cnt').as('apply'),
      eb.fn.sum<number>('negative_feedback_cnt').as('negative'),
      eb.fn.sum<number>('chat_cnt').as('chats'),
      eb.fn.sum<number>(eb('reply_percentage', '*', eb.ref('chat_cnt'))).as('rateW'),
      eb.fn.sum<number>(eb('avg_reply_time', '*', eb.ref('chat_cnt'))).as('minutesW'),
    ])
    .where('staff_userid', 'in', userids)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('staff_userid')
    .execute()
}

/** Per day over [from, to], the friend requests these members sent together. */
export async function friendRequestsByDay(db: Q, userids: string[], from: string, to: string) {
  return db
    .selectFrom('behavior_daily')
    .select((eb) => ['day', eb.fn.sum<number>('new_apply_cnt').as('apply')])
    .where('staff_userid', 'in', userids)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .execute()
}
