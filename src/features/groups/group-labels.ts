import type { GroupExternalMember } from '@contracts/groups'
import { VERIFICATION_LABELS } from '@/shared/labels'

type Status = GroupExternalMember['verification']['status']

/** In a group the question is "is this customer verified?", so no link yet reads 未认证 rather than 未发送. */
export function groupVerificationLabel(status: Status): string {
  return status === 'none' ? '未认证' : (VERIFICATION_LABELS[status] ?? status)
}

export function verificationTagType(status: Status): 'success' | 'danger' | 'warning' | 'default' {
  return status === 'verified'
    ? 'success'
    : status === 'failed' || status === 'expired'
      ? 'danger'
      : status === 'none'
        ? 'default'
        : 'warning'
}

export type MemberFilter = 'all' | 'unverified' | 'verified'

export function matchesFilter(m: GroupExternalMember, filter: MemberFilter): boolean {
  if (filter === 'all') return true
  return filter === 'verified' ? m.verification.status === 'verified' : m.verification.status !== 'verified'
}
