import type { Generated } from 'kysely'
import type { ContentTopic } from '../content/index.js'
import type { ReviewColumns } from '../review/index.js'

export type QaTopic = ContentTopic

/** One version of a Q&A entry; versions of one entry share `root_id` (see review/workflow.ts). */
export interface QaItemsTable extends ReviewColumns {
  id: Generated<number>
  question: string
  /** JSON array of other ways customers ask the same thing. */
  alternatives: string
  answer: string
  /** 风险提示, appended to the answer when it is sent; required for investment topics. */
  disclaimer: string | null
  topic: QaTopic
  /** JSON array of tags. */
  tags: string
  /** The escalation this entry was promoted from, if any. */
  source_escalation_id: number | null
  /** Space-joined search tokens of question, alternatives and tags (weighted high). */
  search_question: string
  /** Space-joined search tokens of the answer (weighted low). */
  search_answer: string
}

export type EscalationStatus = 'open' | 'claimed' | 'answered'
export type Urgency = 'normal' | 'urgent'

/** A question the manager could not answer, sent to the middle office (问中台). */
export interface EscalationsTable {
  id: Generated<number>
  staff_userid: string
  external_userid: string | null
  chat_id: string | null
  question: string
  topic: QaTopic
  urgency: Urgency
  /** JSON: the contact's non-sensitive context (segment, holding types, risk level) — never name or phone. */
  context: string
  note: string | null
  status: EscalationStatus
  created_at: string
  sla_due_at: string
  claimed_by: string | null
  claimed_at: string | null
  answer: string | null
  disclaimer: string | null
  answered_by: string | null
  answered_at: string | null
  promoted_qa_id: number | null
}

/** One suggested or escalated answer a manager prepared and (once `sent_at` is set) sent. */
export interface ReplyUsesTable {
  id: string
  staff_userid: string
  external_userid: string | null
  chat_id: string | null
  qa_item_id: number | null
  qa_root_id: number | null
  escalation_id: number | null
  /** The text as suggested, and as actually sent (after the manager's edits). */
  original_text: string
  sent_text: string
  /** JSON DiffOp[] from original to sent, when edited. */
  edit_diff: string | null
  /** JSON compliance findings on the sent text (warnings only; blocking ones never get here). */
  findings: string
  created_at: string
  sent_at: string | null
}

/** A middle-office addition to the search lexicon: one domain word, or a synonym group (space-separated). */
export interface QaLexiconTable {
  id: Generated<number>
  kind: 'word' | 'synonyms'
  words: string
  created_by: string
  created_at: string
}

/** A manager's 有用 (1) / 没用 (0) on a suggestion, with the masked question it was shown for. */
export interface ReplyFeedbackTable {
  id: Generated<number>
  qa_item_id: number
  staff_userid: string
  helpful: number
  question: string
  created_at: string
}

/** A question the library had no confident answer for; customer details masked before storing. */
export interface ReplyMissesTable {
  id: Generated<number>
  question: string
  staff_userid: string
  created_at: string
}
