import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { QaListQuery } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import type { QaRow } from './qa.repository.js'

type Q = Kysely<Database>

/**
 * One page of the library as the middle office browses it (text filter, status and topic; retired versions
 * only on request), newest edit first, and how many entries match in all.
 */
export async function findQaPage(db: Q, query: z.infer<typeof QaListQuery>): Promise<{ rows: QaRow[]; total: number }> {
  let q = db.selectFrom('qa_items')
  q = query.status ? q.where('status', '=', query.status) : q.where('status', '!=', 'retired')
  if (query.topic) q = q.where('topic', '=', query.topic)
  if (query.q) {
    // Wildcards are dropped rather than escaped: SQLite and PostgreSQL disagree on LIKE's default escape.
    const like = `%${query.q.replace(/[\\%_]/g, '')}%`
    q = q.where((eb) =>
      eb.or(['question', 'alternatives', 'answer', 'tags'].map((col) => eb(col as 'question', 'like', like))),
    )
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** Every entry that is not retired, by topic, for the export. */
export async function listUnretiredQa(db: Q): Promise<QaRow[]> {
  return db.selectFrom('qa_items').selectAll().where('status', '!=', 'retired').orderBy('topic').orderBy('id').execute()
}
