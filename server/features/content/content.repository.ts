import { sql, type Kysely } from 'kysely'
import type { ContentItem } from '../../contracts/content.js'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import { staffNames } from '../review/index.js'
import { toContentItem, type ContentRow } from './content-mapper.js'
import { lastDatesBySymbol } from './market-series.repository.js'

type Q = Kysely<Database>

export interface ContentFilters {
  status?: ContentRow['status']
  topic?: ContentRow['topic']
  kind?: ContentRow['kind']
  expiring?: '1'
  q?: string
}

const EXPIRING_DAYS = 7

export async function findContentRow(db: Q, id: number): Promise<ContentRow> {
  const row = await db.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('内容')
  return row
}

/** Rows → API items, with author/reviewer names and chart data dates filled in. */
export async function toItems(db: Q, rows: ContentRow[], now: Date): Promise<ContentItem[]> {
  const [names, asOf] = await Promise.all([
    staffNames(
      db,
      rows.flatMap((r) => [r.author_staff_id, r.reviewer_staff_id]),
    ),
    lastDatesBySymbol(db),
  ])
  return rows.map((r) => toContentItem(r, r.chart_symbol ? (asOf.get(r.chart_symbol) ?? null) : null, names, now))
}

/** The console list: the newest version of each item, filtered. */
export async function listContent(db: Q, f: ContentFilters, now: Date): Promise<ContentItem[]> {
  let query = db
    .selectFrom('content_items as c')
    .selectAll('c')
    .where(({ eb, selectFrom }) =>
      eb(
        'c.version',
        '=',
        selectFrom('content_items as v')
          .select((v) => v.fn.max('v.version').as('m'))
          .whereRef('v.root_id', '=', 'c.root_id'),
      ),
    )
  if (f.status) query = query.where('c.status', '=', f.status)
  if (f.topic) query = query.where('c.topic', '=', f.topic)
  if (f.kind) query = query.where('c.kind', '=', f.kind)
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    query = query.where((eb) =>
      eb.or([sql<boolean>`c.title like ${like} escape '\\'`, sql<boolean>`c.body like ${like} escape '\\'`]),
    )
  }
  if (f.expiring) {
    const soon = new Date(now.getTime() + EXPIRING_DAYS * 86_400_000).toISOString()
    query = query
      .where('c.status', '=', 'approved')
      .where('c.valid_until', '>', now.toISOString())
      .where('c.valid_until', '<=', soon)
  }
  const rows = await query.orderBy('c.updated_at', 'desc').limit(200).execute()
  return toItems(db, rows, now)
}

export async function listVersions(db: Q, rootId: number) {
  const rows = await db
    .selectFrom('content_items')
    .select(['id', 'version', 'status', 'approval_no', 'updated_at'])
    .where('root_id', '=', rootId)
    .orderBy('version', 'desc')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    version: Number(r.version),
    status: r.status,
    approvalNo: r.approval_no,
    updatedAt: r.updated_at,
  }))
}
