import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** A question the library had no confident answer for (already masked). */
export async function insertMiss(db: Q, values: Insertable<Database['reply_misses']>): Promise<void> {
  await db.insertInto('reply_misses').values(values).execute()
}

export async function insertFeedback(db: Q, values: Insertable<Database['reply_feedback']>): Promise<void> {
  await db.insertInto('reply_feedback').values(values).execute()
}

export async function qaItemExists(db: Q, id: number): Promise<boolean> {
  return !!(await db.selectFrom('qa_items').select('id').where('id', '=', id).executeTakeFirst())
}

export async function missesSince(db: Q, since: string) {
  return db.selectFrom('reply_misses').select(['question', 'created_at']).where('created_at', '>=', since).execute()
}

/** 问中台 questions asked since `since` and still without an answer. */
export async function unansweredEscalationsSince(db: Q, since: string) {
  return db
    .selectFrom('escalations')
    .select(['question', 'created_at'])
    .where('status', '!=', 'answered')
    .where('created_at', '>=', since)
    .execute()
}
