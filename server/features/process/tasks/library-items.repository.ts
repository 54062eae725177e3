import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** The 100 newest approved content items, offered as a task's text. */
export async function listApprovedItems(db: Q) {
  return db
    .selectFrom('content_items')
    .select(['id', 'title', 'kind', 'body', 'link'])
    .where('status', '=', 'approved')
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
}

/** A content item with what deciding whether a task may copy it needs. */
export async function findLibraryItem(db: Q, itemId: number) {
  return db
    .selectFrom('content_items')
    .select(['id', 'title', 'body', 'link', 'topic', 'disclaimer', 'status', 'valid_from', 'valid_until'])
    .where('id', '=', itemId)
    .executeTakeFirst()
}
