import type { Generated } from 'kysely'
export type VerificationStatus = 'sent' | 'opened' | 'verified' | 'failed' | 'expired'

/** Why a verification did not succeed; shown to staff only, never to the customer. */
export type VerificationFailure =
  'no_match' | 'multiple_matches' | 'no_account' | 'too_many_wrong_codes' | 'too_many_identity_attempts' | 'superseded'

export interface VerificationsTable {
  id: string
  /** sha256 of the link token; the token itself is never stored. */
  token_hash: string
  staff_userid: string
  external_userid: string
  status: VerificationStatus
  created_at: string
  expires_at: string
  sent_at: string | null
  opened_at: string | null
  verified_at: string | null
  failed_at: string | null
  failure_reason: VerificationFailure | null
  identity_attempts: number
  code_attempts: number
  /** HMAC of the SMS code, bound to this verification. */
  code_hash: string | null
  /** Codes sent through this link so far (migration 025). */
  sms_count: Generated<number>
  /** Comma-separated HMACs of the phones codes went to; at most MAX_LINK_PHONES. */
  sms_phones: Generated<string>
  code_expires_at: string | null
  code_sent_at: string | null
  /** CRM match found when the code was requested; revealed only after the code is confirmed. */
  candidate_cif_no: string | null
  candidate_problem: VerificationFailure | null
  cif_no: string | null
  client_ip: string | null
  ip_province: string | null
}
