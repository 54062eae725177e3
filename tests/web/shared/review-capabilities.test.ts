import type { ReviewInfo } from '@contracts/review'
import type { Me } from '@contracts/session'
import { describe, expect, it } from 'vitest'
import { reviewCapabilities } from '@/shared/review-capabilities'

const author: Me = {
  id: 'E1',
  userid: 'xue',
  name: '薛悦妍',
  role: 'middle',
  branchId: 'H',
  branchName: '总行',
  reviewer: false,
}
const reviewer: Me = { ...author, id: 'E2', userid: 'gong', name: '龚磊航', reviewer: true }
const review = (status: ReviewInfo['status']) =>
  ({ status, version: 1, authorStaffId: 'E1', authorName: '薛悦妍', reviewerName: null }) as unknown as ReviewInfo

describe('review capabilities', () => {
  it('when a reviewer opens someone else’s draft, then she may neither save nor submit it, and is told why', () => {
    const caps = reviewCapabilities(review('draft'), reviewer)
    expect(caps).toMatchObject({ canEdit: false, canSubmit: false, canDecide: false })
    expect(caps.note).toContain('只有作者本人')
  })

  it('when the author opens her own item in review, then she cannot approve or reject it', () => {
    const caps = reviewCapabilities(review('in_review'), { ...author, reviewer: true })
    expect(caps).toMatchObject({ canEdit: false, canSubmit: false, canDecide: false })
    expect(caps.note).toContain('不能审核自己撰写的内容')
  })

  it('when a reviewer opens an item in review she did not write, then she may decide it', () => {
    expect(reviewCapabilities(review('in_review'), reviewer)).toMatchObject({ canDecide: true, note: '' })
  })

  it('when the author opens her rejected item, then she may fix and resubmit it', () => {
    expect(reviewCapabilities(review('rejected'), author)).toMatchObject({ canEdit: true, canSubmit: true })
  })

  it('when anyone opens an approved item, then editing makes a new version', () => {
    expect(reviewCapabilities(review('approved'), reviewer)).toMatchObject({ canEdit: true, canSubmit: false })
  })
})
