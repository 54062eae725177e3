import type { Generated } from 'kysely'

export type ReviewStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired'

/**
 * Workflow columns shared by every reviewed library (content_items, qa_items); created by
 * `addReviewColumns` so both tables stay identical. Times are ISO strings.
 */
export interface ReviewColumns {
  status: ReviewStatus
  author_staff_id: string
  reviewer_staff_id: string | null
  submitted_at: string | null
  approved_at: string | null
  /** e.g. ZT-2026-000123, unique across libraries. */
  approval_no: string | null
  valid_from: string | null
  valid_until: string | null
  version: number
  /** Id of version 1; every version of one item shares it. */
  root_id: number | null
  rejection_reason: string | null
  retired_at: string | null
  /** `superseded` when a newer version was approved; otherwise the reason given. */
  retired_reason: string | null
  created_at: string
  updated_at: string
}

export interface BannedPhrasesTable {
  id: Generated<number>
  phrase: string
  severity: 'block' | 'warn'
  note: string | null
  created_by: string | null
  created_at: string
  /** Lexicon workflow (migration 016): `proposed` → `active` | `rejected`; `active` → `retired`. */
  status: Generated<LexiconStatus>
  category: string | null
  explanation: string | null
  source: string | null
  decided_by: string | null
  decided_at: string | null
}

export type LexiconStatus = 'proposed' | 'active' | 'rejected' | 'retired'

export interface LinkAllowlistTable {
  host: string
  created_by: string | null
  created_at: string
}

/** Named counters, e.g. `approval:2026` → last approval number issued that year. */
export interface ReviewCountersTable {
  name: string
  value: number
}

// The reviewer capability lives on the staff row (added by migration 007, default 0). Optional here so
// staff rows written by other features need not name it.
declare module '../org/org.table.js' {
  interface StaffTable {
    /** 1 = may approve or reject library items (合规审核岗). */
    reviewer?: number
  }
}
