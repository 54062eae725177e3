import type { Kysely } from 'kysely'
import type { ContactProfile } from '../../contracts/contacts.js'
import type { Database } from '../../db/database.js'
import { findLatestForContact } from './verification.repository.js'

type VerificationView = ContactProfile['verification']

const FAILURE_LABELS: Record<string, string> = {
  no_match: '姓名与手机号未匹配到本行客户',
  multiple_matches: '姓名与手机号匹配到多位客户，需线下核实',
  no_account: '客户在本行没有账户',
  too_many_wrong_codes: '验证码错误次数过多，链接已锁定',
  too_many_identity_attempts: '多次信息核验未通过，链接已锁定',
  superseded: '已重新发送新链接',
}

/** Verification state of a contact as one manager sees it: the binding wins, else their latest link. */
export async function verificationSummary(
  db: Kysely<Database>,
  staffUserid: string,
  externalUserid: string,
  binding: { verified_at: string } | undefined,
  now: Date,
): Promise<VerificationView> {
  const v = await findLatestForContact(db, staffUserid, externalUserid)
  const timeline: VerificationView['timeline'] = []
  if (v) {
    timeline.push({ status: 'sent', at: v.sent_at ?? v.created_at })
    if (v.opened_at) timeline.push({ status: 'opened', at: v.opened_at })
    if (v.failed_at && v.status === 'failed') timeline.push({ status: 'failed', at: v.failed_at })
  }
  if (binding) {
    timeline.push({ status: 'verified', at: binding.verified_at })
    return { status: 'verified', verifiedAt: binding.verified_at, expiresAt: null, failureReason: null, timeline }
  }
  if (!v) return { status: 'none', verifiedAt: null, expiresAt: null, failureReason: null, timeline }
  const expired = v.status === 'expired' || (v.status !== 'verified' && new Date(v.expires_at) <= now)
  if (expired)
    timeline.push({ status: 'expired', at: v.status === 'expired' && v.failed_at ? v.failed_at : v.expires_at })
  return {
    status: expired ? 'expired' : v.status,
    verifiedAt: null,
    expiresAt: v.expires_at,
    failureReason: v.failure_reason ? (FAILURE_LABELS[v.failure_reason] ?? v.failure_reason) : null,
    timeline,
  }
}
