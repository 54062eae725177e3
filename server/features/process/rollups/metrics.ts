import { beijingDate } from '../../../lib/time.js'

/** The columns of an event the rollups read. */
export interface RollupEvent {
  type: string
  /** Optional: a row about to be written (the seed's) may leave them out. */
  staff_userid?: string | null
  ref_id?: string | null
  occurred_at: string
  payload: string
}

/** Per-staff metrics, named after what the dashboard shows. */
export const STAFF_METRICS = [
  'contacts_added',
  'contacts_deleted',
  'contacts_lost',
  'links_sent',
  'links_opened',
  'verified',
  'content_sent',
  'content_opened',
  'content_inquiries',
  'replies_used',
  'escalations_raised',
  'escalations_answered',
  'escalation_answer_minutes',
  'tasks_done',
] as const
export type StaffMetric = (typeof STAFF_METRICS)[number]

export interface Delta {
  table: 'staff_daily' | 'ref_daily'
  key: string
  day: string
  metric: string
  n: number
}

const STAFF_METRIC_OF: Record<string, StaffMetric> = {
  contact_added: 'contacts_added',
  contact_deleted: 'contacts_deleted',
  verify_link_sent: 'links_sent',
  verify_opened: 'links_opened',
  verified: 'verified',
  content_sent: 'content_sent',
  content_opened: 'content_opened',
  content_inquiry: 'content_inquiries',
  reply_used: 'replies_used',
  escalation_created: 'escalations_raised',
  escalation_answered: 'escalations_answered',
  task_completed: 'tasks_done',
}

/** Result metrics per item: content by its root id (every version counts for the item), Q&A by refId, tasks by id. */
const REF_METRIC_OF: Record<string, string> = {
  content_sent: 'sent',
  content_opened: 'opened',
  content_inquiry: 'inquiries',
  reply_used: 'used',
  task_completed: 'done',
}

function parse(payload: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(payload)
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function refOf(e: RollupEvent, p: Record<string, unknown>): string | null {
  if (e.type.startsWith('content_')) {
    const root = p.rootId ?? p.itemId
    return typeof root === 'number' || typeof root === 'string' ? `content:${root}` : null
  }
  return e.ref_id ?? null
}

/** What one event adds to the rollups. Pure: the incremental path and the from-scratch recomputation share it. */
export function deltasOf(e: RollupEvent): Delta[] {
  const day = beijingDate(e.occurred_at)
  const p = parse(e.payload)
  const out: Delta[] = []
  const metric = STAFF_METRIC_OF[e.type]
  if (metric && e.staff_userid) {
    const staff = (metric: string, n = 1) => out.push({ table: 'staff_daily', key: e.staff_userid!, day, metric, n })
    staff(metric)
    // The seed writes `by`, the callback path `deletedBy`: both mean who ended the relation.
    if (e.type === 'contact_deleted' && (p.by ?? p.deletedBy) === 'customer') staff('contacts_lost')
    if (e.type === 'escalation_answered' && typeof p.minutesToAnswer === 'number')
      staff('escalation_answer_minutes', p.minutesToAnswer)
  }
  const refMetric = REF_METRIC_OF[e.type]
  const ref = refMetric ? refOf(e, p) : null
  if (refMetric && ref) out.push({ table: 'ref_daily', key: ref, day, metric: refMetric, n: 1 })
  return out
}

/** Sums deltas by (table, key, day, metric), into `out` when given (a running total). */
export function sumDeltas(deltas: Iterable<Delta>, out = new Map<string, Delta>()): Map<string, Delta> {
  for (const d of deltas) {
    const k = `${d.table}\u0000${d.key}\u0000${d.day}\u0000${d.metric}`
    const prev = out.get(k)
    if (prev) prev.n += d.n
    else out.set(k, { ...d })
  }
  return out
}
