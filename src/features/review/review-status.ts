import type { ReviewStatus } from '@contracts/review'

/** Status labels and tag colours shared by every reviewed library's console. */
export const REVIEW_STATUS: Record<
  ReviewStatus,
  { text: string; type: 'default' | 'primary' | 'success' | 'danger' | 'warning' }
> = {
  draft: { text: '草稿', type: 'default' },
  in_review: { text: '审核中', type: 'warning' },
  approved: { text: '已通过', type: 'success' },
  rejected: { text: '已驳回', type: 'danger' },
  retired: { text: '已下架', type: 'default' },
}

/** The last valid Beijing calendar day of a window ending at `validUntil` (exclusive). */
export function lastValidDay(validUntil: string | null): string {
  if (!validUntil) return '—'
  return new Date(new Date(validUntil).getTime() + 8 * 3600_000 - 1).toISOString().slice(0, 10)
}

/** The Beijing calendar date `days` from now, as YYYY-MM-DD (what the validity picker shows). */
export function beijingToday(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}
