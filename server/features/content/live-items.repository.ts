import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { liveSql } from '../review/index.js'
import type { ContentRow } from './content-mapper.js'

const LIVE_COLUMNS = [
  'c.id',
  'c.root_id',
  'c.kind',
  'c.title',
  'c.body',
  'c.link',
  'c.topic',
  'c.segments',
  'c.min_risk_level',
  'c.disclaimer',
  'c.tags',
  'c.chart_symbol',
  'c.chart_window_days',
  'c.approval_no',
  'c.valid_until',
  'c.approved_at',
] as const
export type LiveRow = Pick<
  ContentRow,
  | 'id'
  | 'root_id'
  | 'kind'
  | 'title'
  | 'body'
  | 'link'
  | 'topic'
  | 'segments'
  | 'min_risk_level'
  | 'disclaimer'
  | 'tags'
  | 'chart_symbol'
  | 'chart_window_days'
  | 'approval_no'
  | 'valid_until'
  | 'approved_at'
> & { has_image: number }

/** Live items whose topic/search match; the sidebar never sees drafts, expired or retired items. */
export async function listLiveCards(
  db: Kysely<Database>,
  filter: { topic?: ContentRow['topic']; q?: string },
  now: Date,
): Promise<LiveRow[]> {
  // The card's columns only: the uploaded picture (base64) and the workflow block stay in the table.
  let query = db
    .selectFrom('content_items as c')
    .select(LIVE_COLUMNS)
    .select(sql<number>`c.image_base64 is not null`.as('has_image'))
    .where(liveSql('c', now))
  if (filter.topic) query = query.where('c.topic', '=', filter.topic)
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    query = query.where((eb) =>
      eb.or([sql<boolean>`c.title like ${like} escape '\\'`, sql<boolean>`c.body like ${like} escape '\\'`]),
    )
  }
  return query.orderBy('c.approved_at', 'desc').limit(300).execute()
}

/** The live version of an item (approved, inside its validity window), if any. */
export async function findLiveVersionOfRoot(
  db: Kysely<Database>,
  rootId: number,
  now: Date,
): Promise<ContentRow | null> {
  return (
    (await db
      .selectFrom('content_items as c')
      .selectAll('c')
      .where('c.root_id', '=', rootId)
      .where(liveSql('c', now))
      .executeTakeFirst()) ?? null
  )
}
