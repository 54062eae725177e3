import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertContact } from '../support/factories.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import {
  approvedItem,
  baseItem,
  boundContact,
  contentBank,
  fundItem,
  signIn,
  type Bank,
  type Client,
} from './content-fixtures.js'

describe('sidebar recommendations', () => {
  let t: TestApp
  let bank: Bank
  let manager: Client
  let fund: number
  let privateOnly: number
  let general: number
  beforeAll(async () => {
    t = await startTestApp()
    bank = await contentBank(t)
    fund = await approvedItem(t, bank, fundItem)
    privateOnly = await approvedItem(t, bank, {
      ...baseItem,
      title: '私行客户专属活动',
      topic: 'general',
      segments: ['private'],
    })
    general = await approvedItem(t, bank, { ...baseItem, title: '网点营业时间调整', topic: 'general' })
    manager = await signIn(t, bank.manager.wecom_userid)
  })
  afterAll(async () => {
    await t.close()
  })

  const recs = async (externalUserId: string, c = manager) =>
    (await c.request('GET', `/api/content/recommendations?externalUserId=${externalUserId}`)).json
  type Recs = { items: { item: { id: number }; reasons: string[] }[] }
  const ids = (r: Recs) => r.items.map((i) => i.item.id)

  it('when a fund holder with risk level R4 and the 基金偏好 tag opens the tab, then the fund item ranks first with its reasons', async () => {
    const { contact, customer } = await boundContact(t, bank, { risk_level: 'R4', segment: 'wealth' })
    await bank.db
      .insertInto('holdings')
      .values({
        cif_no: customer.cif_no,
        product_type: 'fund',
        amount_cents: 5_000_000,
        opened_at: '2026-01-05',
        maturity_date: null,
      })
      .execute()
    const r = await recs(contact.external_userid)
    expect(r.items[0].item.id).toBe(fund)
    expect(r.items[0].reasons).toEqual(
      expect.arrayContaining(['客户 C4 成长型 可购买 R3 中风险', '持有基金', '标签：基金偏好']),
    )
    expect(ids(r)).not.toContain(privateOnly)
    expect(r.hiddenUnsuitable).toBe(1)
  })

  it('when the customer is R2, then R3 product content is never suggested, and sending it directly is refused', async () => {
    const { contact } = await boundContact(t, bank, { risk_level: 'R2' })
    const r = await recs(contact.external_userid)
    expect(ids(r)).not.toContain(fund)
    expect(ids(r)).toContain(general)
    const send = await manager.request('POST', '/api/content/sends', {
      itemId: fund,
      externalUserId: contact.external_userid,
    })
    expect(send.status).toBe(422)
    expect(send.json.error.code).toBe('NOT_SUITABLE')
  })

  it('when the risk assessment has expired, then product content is neither suggested nor sendable, with the next step', async () => {
    const { contact } = await boundContact(t, bank, { risk_level: 'R5', risk_assessed_at: '2024-01-01' })
    const r = await recs(contact.external_userid)
    expect(ids(r)).not.toContain(fund)
    expect(ids(r)).toContain(general)
    expect(r.warnings).toContain(
      '客户风险测评已过期，产品类内容暂不推荐、不可发送：请先邀请客户完成风险测评（手机银行或网点）',
    )
    const send = await manager.request('POST', '/api/content/sends', {
      itemId: fund,
      externalUserId: contact.external_userid,
    })
    expect([send.status, send.json.error.code]).toEqual([422, 'RISK_ASSESSMENT_REQUIRED'])
    expect(send.json.error.message).toContain('请先邀请客户完成风险测评')
  })

  it('when the contact is a private-banking customer, then the segment item appears with why', async () => {
    const { contact } = await boundContact(t, bank, { segment: 'private' })
    const item = (await recs(contact.external_userid)).items.find(
      (i: Recs['items'][number]) => i.item.id === privateOnly,
    )
    expect(item.reasons).toContain('面向私行客户')
  })

  it('when the contact is not verified, then only general content is suggested and the tab says why', async () => {
    const stranger = await insertContact(bank.db, bank.manager.wecom_userid)
    const r = await recs(stranger.external_userid)
    expect(ids(r)).toEqual(expect.arrayContaining([general]))
    expect(ids(r)).not.toContain(fund)
    expect(r.warnings).toContain('客户尚未实名认证，仅推荐通用内容')
  })

  it('when an item was sent to the contact, then it is not suggested again within 30 days, and is after', async () => {
    const { contact } = await boundContact(t, bank)
    const send = await manager.request('POST', '/api/content/sends', {
      itemId: general,
      externalUserId: contact.external_userid,
    })
    await manager.request('POST', `/api/content/sends/${send.json.sendId}/sent`)
    const r = await recs(contact.external_userid)
    expect(ids(r)).not.toContain(general)
    expect(r.hiddenRecentlySent).toBe(1)
    const again = await manager.request('POST', '/api/content/sends', {
      itemId: general,
      externalUserId: contact.external_userid,
    })
    expect(again.json.error.code).toBe('SENT_RECENTLY')
    await bank.db
      .updateTable('content_sends')
      .set({ sent_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
      .where('id', '=', send.json.sendId)
      .execute()
    expect(ids(await recs(contact.external_userid))).toContain(general)
  })

  it('when the customer already received 3 items this week, then the tab warns about over-sending', async () => {
    const { contact } = await boundContact(t, bank)
    const extra = [
      await approvedItem(t, bank, { ...baseItem, title: '话术一' }),
      await approvedItem(t, bank, { ...baseItem, title: '话术二' }),
    ]
    for (const itemId of [general, ...extra]) {
      const s = await manager.request('POST', '/api/content/sends', { itemId, externalUserId: contact.external_userid })
      await manager.request('POST', `/api/content/sends/${s.json.sendId}/sent`)
    }
    const r = await recs(contact.external_userid)
    expect(r.sentThisWeek).toBe(3)
    expect(r.warnings[0]).toBe('本周已向该客户发送 3 条内容，过于频繁容易被删除或拉黑')
  })

  it("when a colleague asks about the manager's contact, then 403 NOT_YOUR_CONTACT; search narrows by title", async () => {
    const { contact } = await boundContact(t, bank)
    const colleague = await signIn(t, bank.colleague.wecom_userid)
    const res = await colleague.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
    expect(res.status).toBe(403)
    expect(res.json.error.code).toBe('NOT_YOUR_CONTACT')
    const found = await manager.request(
      'GET',
      `/api/content/recommendations?externalUserId=${contact.external_userid}&q=${encodeURIComponent('营业时间')}`,
    )
    expect(ids(found.json)).toEqual([general])
  })
})
