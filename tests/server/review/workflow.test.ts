import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ComplianceInput } from '../../../server/features/review/compliance.js'
import {
  approve,
  insertDraft,
  isLive,
  reject,
  retire,
  saveEdit,
  submitForReview,
} from '../../../server/features/review/index.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

const DAY = 86_400_000
const now = new Date('2026-11-20T02:00:00.000Z')
const compliance = (row: Record<string, unknown>): ComplianceInput => ({
  fields: { title: String(row.title), body: String(row.body) },
  topic: String(row.topic),
  disclaimer: row.disclaimer as string | null,
})

describe('review workflow', () => {
  let t: TestDb
  let author: string, reviewer: string, otherReviewer: string, plainMiddle: string
  beforeAll(async () => {
    t = await createTestDb()
    const db = t.db.kysely
    const branch = await insertBranch(db, { level: 'head' })
    author = (await insertStaff(db, branch.id, 'middle', { reviewer: 1 })).id
    reviewer = (await insertStaff(db, branch.id, 'middle', { reviewer: 1 })).id
    otherReviewer = (await insertStaff(db, branch.id, 'middle', { reviewer: 1 })).id
    plainMiddle = (await insertStaff(db, branch.id, 'middle')).id
  })
  afterAll(async () => {
    await t.drop()
  })

  const db = () => t.db.kysely
  const row = (id: number) =>
    db().selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const draft = (over: { body?: string } = {}) =>
    insertDraft(
      db(),
      'content_items',
      {
        kind: 'text',
        title: '存款到期提醒',
        body: '您的定期存款即将到期',
        topic: 'deposit',
        segments: '[]',
        tags: '[]',
        ...over,
      },
      author,
      now,
    )
  const submit = (id: number, actor = author) =>
    submitForReview(db(), 'content_items', id, { actorStaffId: actor, now, compliance })
  const approveBy = (id: number, by: string, validUntil = new Date(now.getTime() + 30 * DAY)) =>
    approve(db(), 'content_items', id, { reviewerStaffId: by, now, validUntil })
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    )

  it('when a draft is created, then it is version 1 of its own root', async () => {
    const id = await draft()
    expect(await row(id)).toMatchObject({ status: 'draft', version: 1, root_id: id, author_staff_id: author })
  })

  it('when submitted and approved by another reviewer, then approver, time, approval number and window are recorded and it is live', async () => {
    const id = await draft()
    expect(await submit(id)).toEqual([])
    const { approvalNo } = await approveBy(id, reviewer)
    expect(approvalNo).toMatch(/^ZT-2026-\d{6}$/)
    const r = await row(id)
    expect(r).toMatchObject({
      status: 'approved',
      reviewer_staff_id: reviewer,
      approved_at: now.toISOString(),
      approval_no: approvalNo,
      valid_from: now.toISOString(),
    })
    expect(isLive(r, now)).toBe(true)
    expect(isLive(r, new Date(now.getTime() + 31 * DAY))).toBe(false)
    const next = await approveBy(
      await draft().then(async (i) => {
        await submit(i)
        return i
      }),
      reviewer,
    )
    expect(Number(next.approvalNo.slice(-6))).toBe(Number(approvalNo.slice(-6)) + 1)
  })

  it('when the author tries to approve their own item, then SELF_APPROVAL; a middle member without the capability gets NOT_REVIEWER', async () => {
    const id = await draft()
    await submit(id)
    expect(await codeOf(approveBy(id, author))).toBe('SELF_APPROVAL')
    expect(await codeOf(approveBy(id, plainMiddle))).toBe('NOT_REVIEWER')
    expect((await row(id)).status).toBe('in_review')
  })

  it('when the text has a banned phrase, then submit refuses with the findings and the item stays a draft', async () => {
    const id = await draft({ body: '稳赚不赔的好机会' })
    const err = await submit(id).catch((e) => e)
    expect(err).toMatchObject({ code: 'COMPLIANCE_BLOCKED', status: 422 })
    expect(err.details.findings[0]).toMatchObject({ code: 'BANNED_PHRASE', field: 'body' })
    expect((await row(id)).status).toBe('draft')
  })

  it('when rejected, then the reason is required and kept; the author edits it back to draft and resubmits', async () => {
    const id = await draft()
    await submit(id)
    expect(await codeOf(reject(db(), 'content_items', id, { reviewerStaffId: reviewer, reason: '  ', now }))).toBe(
      'REASON_REQUIRED',
    )
    await reject(db(), 'content_items', id, { reviewerStaffId: reviewer, reason: '标题不够清楚', now })
    expect(await row(id)).toMatchObject({ status: 'rejected', rejection_reason: '标题不够清楚' })
    expect(await codeOf(saveEdit(db(), 'content_items', id, { title: 'x' }, reviewer, now))).toBe('NOT_AUTHOR')
    expect(await saveEdit(db(), 'content_items', id, { title: '定期存款到期提醒' }, author, now)).toEqual({
      id,
      newVersion: false,
    })
    expect(await row(id)).toMatchObject({ status: 'draft', rejection_reason: null, title: '定期存款到期提醒' })
    await submit(id)
    expect((await row(id)).status).toBe('in_review')
  })

  it('when an approved item is edited, then a new version needs approval while the old one stays live, and approving it retires the old one', async () => {
    const v1 = await draft()
    await submit(v1)
    await approveBy(v1, reviewer)
    const { id: v2, newVersion } = await saveEdit(db(), 'content_items', v1, { body: '新版正文' }, otherReviewer, now)
    expect(newVersion).toBe(true)
    expect(await row(v2)).toMatchObject({
      status: 'draft',
      version: 2,
      root_id: v1,
      author_staff_id: otherReviewer,
      body: '新版正文',
      approval_no: null,
    })
    expect(await codeOf(saveEdit(db(), 'content_items', v1, { body: '另一版' }, author, now))).toBe('VERSION_PENDING')
    expect(isLive(await row(v1), now)).toBe(true)
    await submit(v2, otherReviewer)
    await approveBy(v2, reviewer)
    expect(await row(v1)).toMatchObject({ status: 'retired', retired_reason: 'superseded' })
    expect(isLive(await row(v2), now)).toBe(true)
  })

  it('when approving with a window that already ended, then INVALID_VALIDITY; approving twice is an invalid transition', async () => {
    const id = await draft()
    await submit(id)
    expect(await codeOf(approveBy(id, reviewer, new Date(now.getTime() - DAY)))).toBe('INVALID_VALIDITY')
    await approveBy(id, reviewer)
    expect(await codeOf(approveBy(id, otherReviewer))).toBe('INVALID_TRANSITION')
  })

  it('when retired, then it is no longer live and cannot be edited', async () => {
    const id = await draft()
    await submit(id)
    await approveBy(id, reviewer)
    await retire(db(), 'content_items', id, { actorStaffId: reviewer, reason: '产品已停售', now })
    expect(await row(id)).toMatchObject({ status: 'retired', retired_reason: '产品已停售' })
    expect(isLive(await row(id), now)).toBe(false)
    expect(await codeOf(saveEdit(db(), 'content_items', id, { title: 'x' }, author, now))).toBe('INVALID_TRANSITION')
  })
})
