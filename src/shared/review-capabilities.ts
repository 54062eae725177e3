import type { ReviewInfo } from '@contracts/review'
import type { Me } from '@contracts/session'

export interface ReviewCapabilities {
  /** 保存 (a draft or rejected item: its author only; an approved one: anyone, as a new version). */
  canEdit: boolean
  /** 提交审核: the author of a draft or rejected item. */
  canSubmit: boolean
  /** 审核通过 / 驳回: a reviewer (合规审核岗) who did not write it. */
  canDecide: boolean
  /** Why the item is read-only for this person, shown instead of buttons they may not use; '' when they can act. */
  note: string
}

/** What the signed-in member may do with a library item; the server enforces the same (workflow.ts). */
export function reviewCapabilities(review: ReviewInfo, me: Me | null): ReviewCapabilities {
  const mine = me !== null && review.authorStaffId === me.id
  const open = review.status === 'draft' || review.status === 'rejected'
  const canDecide = review.status === 'in_review' && Boolean(me?.reviewer) && !mine
  let note = ''
  if (open && !mine)
    note = `这是${review.authorName ?? '其他同事'}的${review.status === 'draft' ? '草稿' : '被驳回版本'}，只有作者本人可以修改和提交审核。`
  else if (review.status === 'in_review' && mine)
    note = '已提交审核，请等待其他合规审核人员处理（不能审核自己撰写的内容）。'
  else if (review.status === 'in_review' && !canDecide) note = '审核中，由合规审核岗处理。'
  return { canEdit: review.status === 'approved' || (open && mine), canSubmit: open && mine, canDecide, note }
}
