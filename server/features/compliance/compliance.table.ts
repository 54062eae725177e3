import type { OutboundPath } from './gate.js'
import type { Generated } from 'kysely'

/** Audit trail of every outbound text: who, which path, what the gate found, under which lexicon. */
export interface ComplianceChecksTable {
  id: Generated<number>
  checked_at: string
  staff_id: string | null
  /** e.g. `content.send`, `reply.send`, `escalation.answer`, `task.create`, `task.approve`. */
  path: OutboundPath
  ref_id: string | null
  text: string
  blocked: number
  /** JSON array of findings. */
  findings: string
  lexicon_version: string
}
