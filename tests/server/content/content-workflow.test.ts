import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { approvedItem, baseItem, boundContact, contentBank, fundItem, inDays, signIn } from './content-fixtures.js'

describe('content authoring and review API', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when the author submits and a different reviewer approves, then the item records approver, number and window', async () => {
    const bank = await contentBank(t)
    const author = await signIn(t, bank.author.wecom_userid)
    const created = await author.request('POST', '/api/content/items', fundItem)
    expect(created.status).toBe(201)
    const id = created.json.id
    expect((await author.request('POST', `/api/content/items/${id}/submit`)).json).toEqual({ findings: [] })
    const self = await author.request('POST', `/api/content/items/${id}/approve`, { validUntil: inDays(30) })
    expect(self.status).toBe(403)
    expect(self.json.error.code).toBe('NOT_REVIEWER')
    await bank.db.updateTable('staff').set({ reviewer: 1 }).where('id', '=', bank.author.id).execute()
    const selfReviewer = await author.request('POST', `/api/content/items/${id}/approve`, { validUntil: inDays(30) })
    expect(selfReviewer.status).toBe(403)
    expect(selfReviewer.json.error).toMatchObject({
      code: 'SELF_APPROVAL',
      message: expect.stringContaining('不能审核自己'),
    })
    const reviewer = await signIn(t, bank.reviewer.wecom_userid)
    const approved = await reviewer.request('POST', `/api/content/items/${id}/approve`, { validUntil: inDays(30) })
    expect(approved.status).toBe(200)
    expect(approved.json.approvalNo).toMatch(/^ZT-\d{4}-\d{6}$/)
    const detail = await reviewer.request('GET', `/api/content/items/${id}`)
    expect(detail.json.item.review).toMatchObject({
      status: 'approved',
      reviewerName: '合规审核',
      authorName: '内容专员',
      approvalNo: approved.json.approvalNo,
    })
    expect(detail.json.item.review.validUntil > new Date().toISOString()).toBe(true)
  })

  it('when the text contains a banned phrase or a fund item lacks a disclaimer, then submit is refused with inline findings', async () => {
    const bank = await contentBank(t)
    const author = await signIn(t, bank.author.wecom_userid)
    const { json } = await author.request('POST', '/api/content/items', {
      ...fundItem,
      body: '这只基金保本稳赚，零风险！',
      disclaimer: null,
    })
    const res = await author.request('POST', `/api/content/items/${json.id}/submit`)
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('COMPLIANCE_BLOCKED')
    expect(res.json.error.details.findings.map((f: { code: string; field: string }) => [f.code, f.field])).toEqual(
      expect.arrayContaining([
        ['BANNED_PHRASE', 'body'],
        ['MISSING_DISCLAIMER', 'disclaimer'],
      ]),
    )
    const detail = await author.request('GET', `/api/content/items/${json.id}`)
    expect(detail.json.item.review.status).toBe('draft')
    expect(detail.json.findings.length).toBeGreaterThanOrEqual(4)
  })

  it('when the middle office proposes a banned phrase and another reviewer approves it, then the next submit is blocked by it; a duplicate is refused', async () => {
    const bank = await contentBank(t)
    const author = await signIn(t, bank.author.wecom_userid)
    const added = await author.request('POST', '/api/review/banned-phrases', { phrase: '内部价' })
    expect(added.status).toBe(201)
    expect(added.json.status).toBe('proposed')
    expect((await author.request('POST', '/api/review/banned-phrases', { phrase: '内部价' })).json.error.code).toBe(
      'DUPLICATE_PHRASE',
    )
    const notYet = await author.request('POST', '/api/review/check', { fields: { body: '内部价' }, topic: 'general' })
    expect(notYet.json.findings).toEqual([])
    const self = await author.request('POST', `/api/review/banned-phrases/${added.json.id}/approve`)
    expect([self.status, self.json.error.code]).toEqual([403, 'NOT_REVIEWER'])
    const reviewer = await signIn(t, bank.reviewer.wecom_userid)
    const before = (await reviewer.request('GET', '/api/review/banned-phrases')).json.lexiconVersion
    const approved = await reviewer.request('POST', `/api/review/banned-phrases/${added.json.id}/approve`)
    expect(approved.json).toMatchObject({ status: 'active', decidedBy: bank.reviewer.id })
    expect((await reviewer.request('GET', '/api/review/banned-phrases')).json.lexiconVersion).not.toBe(before)
    const { json } = await author.request('POST', '/api/content/items', {
      ...baseItem,
      body: '为您争取到内部价，欢迎咨询。',
    })
    const res = await author.request('POST', `/api/content/items/${json.id}/submit`)
    expect(res.json.error.details.findings[0]).toMatchObject({
      code: 'BANNED_PHRASE',
      message: expect.stringContaining('内部价'),
    })
    const dry = await author.request('POST', '/api/review/check', { fields: { body: '内部价' }, topic: 'general' })
    expect(dry.json.findings).toHaveLength(1)
  })

  it('when a front-office member or a supervisor tries to author, then 403; bad input is a 400 naming the field in Chinese', async () => {
    const bank = await contentBank(t)
    const manager = await signIn(t, bank.manager.wecom_userid)
    expect((await manager.request('POST', '/api/content/items', baseItem)).status).toBe(403)
    expect((await manager.request('GET', '/api/content/items')).status).toBe(403)
    const author = await signIn(t, bank.author.wecom_userid)
    const bad = await author.request('POST', '/api/content/items', { ...baseItem, kind: 'chart' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('行情图表需选择指数和区间'),
    })
    const reject = await (
      await signIn(t, bank.reviewer.wecom_userid)
    ).request('POST', '/api/content/items/999999/reject', { reason: '' })
    expect(reject.status).toBe(400)
  })

  it('when an approved item is edited, then a new version awaits review while the old one stays in the sidebar until the new one is approved', async () => {
    const bank = await contentBank(t)
    const { contact } = await boundContact(t, bank)
    const v1 = await approvedItem(t, bank, baseItem)
    const author = await signIn(t, bank.author.wecom_userid)
    const edit = await author.request('PUT', `/api/content/items/${v1}`, { ...baseItem, title: '定期存款到期续存指南' })
    expect(edit.json).toEqual({ id: expect.any(Number), newVersion: true })
    const v2 = edit.json.id
    const manager = await signIn(t, bank.manager.wecom_userid)
    const titles = async () =>
      (
        await manager.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
      ).json.items.map((i: { item: { title: string } }) => i.item.title)
    expect(await titles()).toContain('定期存款到期提醒')
    await author.request('POST', `/api/content/items/${v2}/submit`)
    await (
      await signIn(t, bank.reviewer.wecom_userid)
    ).request('POST', `/api/content/items/${v2}/approve`, { validUntil: inDays(30) })
    expect(await titles()).toEqual(expect.arrayContaining(['定期存款到期续存指南']))
    expect(await titles()).not.toContain('定期存款到期提醒')
    const list = await author.request('GET', '/api/content/items?q=续存指南')
    expect(list.json.items).toEqual([
      expect.objectContaining({ id: v2, review: expect.objectContaining({ version: 2, rootId: v1 }) }),
    ])
  })

  it('when the validity window passes or the item is retired, then it leaves the sidebar by itself and senders get a notice', async () => {
    const bank = await contentBank(t)
    const { contact } = await boundContact(t, bank)
    const expiring = await approvedItem(t, bank, { ...baseItem, title: '三天后到期的话术' }, 3)
    const retired = await approvedItem(t, bank, { ...baseItem, title: '将被下架的话术' })
    const author = await signIn(t, bank.author.wecom_userid)
    expect(
      (await author.request('GET', '/api/content/items?expiring=1')).json.items.map((i: { id: number }) => i.id),
    ).toContain(expiring)
    const manager = await signIn(t, bank.manager.wecom_userid)
    const send = await manager.request('POST', '/api/content/sends', {
      itemId: retired,
      externalUserId: contact.external_userid,
    })
    await manager.request('POST', `/api/content/sends/${send.json.sendId}/sent`)
    await author.request('POST', `/api/content/items/${retired}/retire`, { reason: '利率已调整' })
    const activity = await manager.request('GET', '/api/content/activity')
    expect(activity.json.notices).toEqual([
      expect.objectContaining({ title: '将被下架的话术', reason: '利率已调整', recipients: 1 }),
    ])
    t.setNow(new Date(Date.now() + 5 * 86_400_000))
    try {
      const later = await signIn(t, bank.manager.wecom_userid)
      const recs = await later.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
      expect(recs.json.items.map((i: { item: { id: number } }) => i.item.id)).not.toContain(expiring)
      const late = await later.request('POST', '/api/content/sends', {
        itemId: expiring,
        externalUserId: contact.external_userid,
      })
      expect(late.json.error.code).toBe('CONTENT_NOT_LIVE')
    } finally {
      t.setNow(undefined as unknown as Date)
    }
  })
})
