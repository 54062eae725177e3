import type { Generated } from 'kysely'
import type { ReviewColumns } from '../review/index.js'

export type ContentKind = 'moment' | 'text' | 'article' | 'chart' | 'image'
export type ContentTopic = 'fund' | 'gold' | 'fx' | 'insurance' | 'wealth' | 'deposit' | 'loan' | 'general'

/** One version of a library item; versions of one item share `root_id`. */
export interface ContentItemsTable extends ReviewColumns {
  id: Generated<number>
  kind: ContentKind
  title: string
  body: string
  link: string | null
  topic: ContentTopic
  /** JSON array of target segments; empty = every segment. */
  segments: string
  /** Suitability: the lowest customer risk level (R1–R5) this item may be suggested to. */
  min_risk_level: string | null
  disclaimer: string | null
  /** JSON array of tags matched against customer tags. */
  tags: string
  chart_symbol: string | null
  chart_window_days: number | null
  image_base64: string | null
  image_mime: string | null
}

export interface MarketSeriesTable {
  symbol: string
  /** YYYY-MM-DD */
  date: string
  close: number
  /** `synthetic` for the seeded random walk (the UI says so), `csv` for imported data. */
  source: 'synthetic' | 'csv'
  imported_at: string
}

/** One send of an item by a manager; `id` is the unguessable token in the tracked link `/c/:id`. */
export interface ContentSendsTable {
  id: string
  item_id: number
  root_id: number
  staff_userid: string
  external_userid: string | null
  chat_id: string | null
  msgtype: 'text' | 'news' | 'image'
  /** What was sent when it differs from the item (an edit). */
  text: string | null
  /** JSON `DiffOp[]` (server/lib/text-diff) of the manager's edit, null when unedited. */
  edit_diff: string | null
  /** JSON findings (warnings) the send went out with. */
  findings: string
  created_at: string
  /** Set once the sidebar reports sendChatMessage succeeded; unsent rows count for nothing. */
  sent_at: string | null
}
