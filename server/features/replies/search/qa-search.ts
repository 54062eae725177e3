import { sql } from 'kysely'
import type { Db } from '../../../db/connect.js'
import { liveSql } from '../../review/workflow.js'

export interface SearchHit {
  id: number
  /** The database's own relevance (BM25 on SQLite, ts_rank on PostgreSQL); higher is better. */
  relevance: number
}

// Answer tokens count a quarter of question tokens, on both databases.
const ANSWER_WEIGHT = 0.25

/**
 * Live (approved, in-window) Q&A entries matching any of `tokens`, best first, from the database's
 * full-text index. Tokens come from the shared tokenizer, so they hold letters and digits only.
 */
export async function searchLiveQa(db: Db, tokens: readonly string[], now: Date, limit: number): Promise<SearchHit[]> {
  if (tokens.length === 0) return []
  if (db.dialect === 'postgres') {
    const query = tokens.join(' | ')
    const vector = sql`(setweight(to_tsvector('simple', q.search_question), 'A') || setweight(to_tsvector('simple', q.search_answer), 'D'))`
    const tsquery = sql`to_tsquery('simple', ${query})`
    const { rows } = await sql<{ id: number; relevance: number }>`
      select q.id, ts_rank(${`{${ANSWER_WEIGHT},0.2,0.4,1.0}`}::float4[], ${vector}, ${tsquery}) as relevance
      from qa_items q
      where ${vector} @@ ${tsquery} and ${liveSql('q', now)}
      order by relevance desc, q.id
      limit ${limit}`.execute(db.kysely)
    return rows.map((r) => ({ id: Number(r.id), relevance: Number(r.relevance) }))
  }
  const match = tokens.map((t) => `"${t}"`).join(' OR ')
  // FTS5's `rank` column with ORDER BY rank LIMIT takes its fast path (~2 ms for 1,000 entries and ~20 OR'ed
  // terms); calling bm25() in a join and sorting on it took ~225 ms (npm run bench). The window is wide enough
  // that retired or out-of-window entries filtered afterwards don't crowd out live ones.
  const { rows } = await sql<{ id: number; relevance: number }>`
    select q.id, -f.rank as relevance
    from (
      select rowid, rank from qa_items_fts
      where qa_items_fts match ${match} and rank match ${`bm25(1.0, ${ANSWER_WEIGHT})`}
      order by rank limit ${Math.max(200, limit * 4)}
    ) f join qa_items q on q.id = f.rowid
    where ${liveSql('q', now)}
    order by relevance desc, q.id
    limit ${limit}`.execute(db.kysely)
  return rows.map((r) => ({ id: Number(r.id), relevance: Number(r.relevance) }))
}
