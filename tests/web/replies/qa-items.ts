import type { QaItem } from '@contracts/replies'
import type { ReviewStatus } from '@contracts/review'

/** A Q&A library entry as GET /api/console/qa lists it. */
export const qaItem = (id: number, status: ReviewStatus = 'approved', over: Partial<QaItem> = {}): QaItem => ({
  id,
  question: `问题${id}`,
  alternatives: [],
  answer: `答案${id}`,
  disclaimer: null,
  topic: 'deposit',
  tags: [],
  sourceEscalationId: null,
  live: status === 'approved',
  review: {
    status,
    version: 1,
    rootId: id,
    authorStaffId: 'S-author',
    authorName: '中台甲',
    reviewerName: status === 'approved' ? '审核乙' : null,
    submittedAt: null,
    approvedAt: null,
    approvalNo: status === 'approved' ? `ZT-2026-00000${id}` : null,
    validFrom: null,
    validUntil: null,
    rejectionReason: null,
    retiredAt: null,
    retiredReason: null,
    updatedAt: '2026-12-01T02:00:00Z',
  },
  ...over,
})
