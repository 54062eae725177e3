import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** Count, sum of ids and latest update of the approved entries: any approval or retirement changes it. */
export async function approvedQaStats(db: Q) {
  return db
    .selectFrom('qa_items')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('id').as('ids'), eb.fn.max('updated_at').as('latest')])
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow()
}

/** What the index keeps of every approved entry besides its text. */
export async function listApprovedQaMeta(db: Q) {
  return db
    .selectFrom('qa_items')
    .select(['id', 'root_id', 'topic', 'valid_from', 'valid_until', 'updated_at'])
    .where('status', '=', 'approved')
    .execute()
}

/** The searchable text of these entries. */
export async function listQaSearchTexts(db: Q, ids: number[]) {
  return db
    .selectFrom('qa_items')
    .select(['id', 'question', 'alternatives', 'tags', 'answer'])
    .where('id', 'in', ids)
    .execute()
}

/** What a suggestion shows of these entries, with what `isLive` needs to re-check them. */
export async function listQaSuggestionTexts(db: Q, ids: number[]) {
  return db
    .selectFrom('qa_items')
    .select([
      'id',
      'question',
      'answer',
      'disclaimer',
      'topic',
      'tags',
      'approval_no',
      'status',
      'valid_from',
      'valid_until',
    ])
    .where('id', 'in', ids)
    .execute()
}
