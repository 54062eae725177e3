import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** Sends of these Q&A roots since `since`: who sent them to whom, and when. */
export async function listReplyUsesOfRootsSince(db: Q, rootIds: number[], since: string) {
  return db
    .selectFrom('reply_uses')
    .select(['qa_root_id', 'staff_userid', 'external_userid', 'sent_at'])
    .where('qa_root_id', 'in', rootIds)
    .where('sent_at', '>=', since)
    .execute()
}

/** 我想咨询 inquiries on these managers' content since `since` (the (staff, time) index finds them). */
export async function listInquiriesToStaffSince(db: Q, staffUserids: string[], since: string) {
  return db
    .selectFrom('events')
    .select(['external_userid', 'occurred_at'])
    .where('type', '=', 'content_inquiry')
    .where('staff_userid', 'in', staffUserids)
    .where('occurred_at', '>=', since)
    .execute()
}
