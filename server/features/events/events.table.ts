export type EventSource = 'sidebar' | 'callback' | 'sync' | 'public' | 'console'

/** Append-only process log; `dedupe_key` makes re-delivered facts land once. */
export interface EventsTable {
  id: number
  type: string
  staff_userid: string | null
  external_userid: string | null
  ref_id: string | null
  occurred_at: string
  source: EventSource
  dedupe_key: string | null
  payload: string
  /** 1 once the dashboard rollups include this event (added by migration 010; optional so inserts need not name it). */
  rolled_up?: number
}
