import type { Selectable } from 'kysely'
import type { ContentItem } from '../../contracts/content.js'
import { type ComplianceInput, toReviewInfo } from '../review/index.js'
import type { ContentItemsTable } from './content.table.js'

export type ContentRow = Selectable<ContentItemsTable>

/** Chart items go stale this many days after their data's last date. */
export const CHART_STALE_DAYS = 7

export function isChartStale(row: Pick<ContentRow, 'kind'>, asOf: string | null, now: Date): boolean {
  if (row.kind !== 'chart') return false
  if (!asOf) return true
  return now.getTime() - new Date(`${asOf}T00:00:00.000Z`).getTime() > (CHART_STALE_DAYS + 1) * 86_400_000
}

/** What a content card is made of: the full row, or (for lists) its card columns with `has_image` instead of the picture. */
export type CardRow = Pick<
  ContentRow,
  | 'id'
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
> &
  ({ image_base64: string | null } | { has_image: number })

/** A row without its workflow block, as the sidebar and the console list show it. */
export function toContentCore(row: CardRow, chartAsOf: string | null, now: Date): Omit<ContentItem, 'review'> {
  return {
    id: Number(row.id),
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    topic: row.topic,
    segments: JSON.parse(row.segments),
    minRiskLevel: row.min_risk_level as ContentItem['minRiskLevel'],
    disclaimer: row.disclaimer,
    tags: JSON.parse(row.tags),
    chartSymbol: row.chart_symbol as ContentItem['chartSymbol'],
    chartWindowDays: row.chart_window_days === null ? null : Number(row.chart_window_days),
    hasImage: 'has_image' in row ? !!row.has_image : !!row.image_base64,
    chartAsOf,
    stale: isChartStale(row, chartAsOf, now),
  }
}

export function toContentItem(
  row: ContentRow,
  chartAsOf: string | null,
  names: Map<string, string>,
  now: Date,
): ContentItem {
  return { ...toContentCore(row, chartAsOf, now), review: toReviewInfo({ ...row, id: Number(row.id) }, names) }
}

/** What the compliance check reads from an item (the texts a customer will see). */
export function complianceInputOf(
  row: Pick<ContentRow, 'title' | 'body' | 'topic' | 'link' | 'disclaimer'>,
): ComplianceInput {
  return {
    fields: { title: row.title, body: row.body },
    topic: row.topic,
    links: row.link ? [row.link] : [],
    disclaimer: row.disclaimer,
  }
}
