import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContentResultsSchema } from '../../../server/contracts/content.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from '../wecom/fake-qyapi.js'
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

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

describe('sending and per-send tracking', () => {
  let t: TestApp
  let bank: Bank
  let manager: Client
  let qyapi: FakeQyapi
  beforeAll(async () => {
    qyapi = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: qyapi.base })
    bank = await contentBank(t)
    manager = await signIn(t, bank.manager.wecom_userid)
  })
  afterAll(async () => {
    await t.close()
    await qyapi.close()
  })

  async function sent(itemId: number, externalUserId: string, extra: Record<string, unknown> = {}) {
    const res = await manager.request('POST', '/api/content/sends', { itemId, externalUserId, ...extra })
    expect(res.status).toBe(201)
    expect((await manager.request('POST', `/api/content/sends/${res.json.sendId}/sent`)).status).toBe(204)
    return res.json
  }

  it('when an article is sent, then it goes as a news card with a per-send tracked link and the send is logged', async () => {
    const item = await approvedItem(t, bank, fundItem)
    const { contact } = await boundContact(t, bank, { risk_level: 'R3' })
    const { sendId, message } = await sent(item, contact.external_userid)
    expect(message).toEqual({
      msgtype: 'news',
      news: {
        link: `${t.ctx.config.publicBaseUrl}/c/${sendId}`,
        title: fundItem.title,
        desc: expect.any(String),
        imgUrl: `${t.ctx.config.publicBaseUrl}/api/public/content/${sendId}/image.png`,
      },
    })
    const event = await bank.db.selectFrom('events').selectAll().where('ref_id', '=', sendId).executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      type: 'content_sent',
      staff_userid: bank.manager.wecom_userid,
      external_userid: contact.external_userid,
      source: 'sidebar',
    })
    const image = await fetch(`${t.baseUrl}/api/public/content/${sendId}/image.png`)
    expect(image.headers.get('content-type')).toBe('image/png')
  })

  it('when the customer opens the link twice on one phone and once on another, then two opens count; 我想咨询 reaches the manager', async () => {
    const item = await approvedItem(t, bank, { ...fundItem, title: '基金定投入门' })
    const { contact } = await boundContact(t, bank, { risk_level: 'R3', name: '陈静' })
    const { sendId } = await sent(item, contact.external_userid)
    const customer = client(t.baseUrl)
    const page = await customer.request('GET', `/api/public/content/${sendId}`)
    expect(page.json).toMatchObject({
      state: 'live',
      title: '基金定投入门',
      managerName: '王敏',
      disclaimer: fundItem.disclaimer,
    })
    expect(JSON.stringify(page.json)).not.toContain(contact.external_userid)
    // `customer` opened the page (its cookie); it opens twice, another phone once.
    const otherPhone = client(t.baseUrl)
    await otherPhone.request('GET', `/api/public/content/${sendId}`)
    for (const phone of [customer, customer, otherPhone]) {
      expect((await phone.request('POST', `/api/public/content/${sendId}/open`)).status).toBe(204)
    }
    const opens = await bank.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'content_opened')
      .where('ref_id', '=', sendId)
      .execute()
    expect(opens).toHaveLength(2)
    expect((await customer.request('POST', `/api/public/content/${sendId}/inquiry`)).status).toBe(202)
    const activity = await manager.request('GET', `/api/content/activity?externalUserId=${contact.external_userid}`)
    expect(activity.json.inquiries).toEqual([
      expect.objectContaining({ sendId, title: '基金定投入门', contactName: '陈静' }),
    ])
    const colleague = await signIn(t, bank.colleague.wecom_userid)
    expect((await colleague.request('GET', '/api/content/activity')).json.inquiries).toEqual([])
  })

  it('when a link was never sent or is malformed, then 404/400 without details', async () => {
    const customer = client(t.baseUrl)
    expect((await customer.request('GET', '/api/public/content/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await customer.request('GET', '/api/public/content/bad!id')).status).toBe(400)
    expect((await customer.request('POST', '/api/public/content/AAAAAAAAAAAAAAAAAAAAAA/open')).status).toBe(400)
  })

  it('when the manager edits a text before sending, then the edit is re-checked and the diff is stored with the send', async () => {
    const item = await approvedItem(t, bank, baseItem)
    const { contact } = await boundContact(t, bank)
    const blocked = await manager.request('POST', '/api/content/sends', {
      itemId: item,
      externalUserId: contact.external_userid,
      text: '这款产品保本，稳赚！',
    })
    expect(blocked.status).toBe(422)
    expect(blocked.json.error.details.findings[0]).toMatchObject({ code: 'BANNED_PHRASE' })
    const edited = `李先生，${baseItem.body}`
    const { sendId, message } = await sent(item, contact.external_userid, { text: edited })
    expect(message).toEqual({ msgtype: 'text', text: { content: edited } })
    const row = await bank.db.selectFrom('content_sends').selectAll().where('id', '=', sendId).executeTakeFirstOrThrow()
    expect(JSON.parse(row.edit_diff!)).toEqual([
      { op: 'insert', text: '李先生，' },
      { op: 'equal', text: baseItem.body },
    ])
    expect(row.text).toBe(edited)
  })

  it('when an image item is sent, then the image is uploaded as temporary media and sent by media id', async () => {
    const item = await approvedItem(t, bank, {
      kind: 'image',
      title: '网点地址图',
      body: '',
      topic: 'general',
      image: `data:image/png;base64,${PNG_1PX}`,
    })
    const { contact } = await boundContact(t, bank)
    qyapi.on('/media/upload', () => ({
      errcode: 0,
      errmsg: 'ok',
      type: 'image',
      media_id: 'MEDIA_sim_0001',
      created_at: '1760000000',
    }))
    const { message } = await sent(item, contact.external_userid)
    expect(message).toEqual({ msgtype: 'image', image: { mediaid: 'MEDIA_sim_0001' } })
    const upload = qyapi.calls.find((c) => c.path === '/media/upload')!
    expect(upload.query.type).toBe('image')
    expect(upload.contentType).toMatch(/^multipart\/form-data/)
  })

  it('when a bound recipient buys a fund within 14 days of a fund send, then results count the conversion for the item and its author', async () => {
    const item = await approvedItem(t, bank, { ...fundItem, title: '结果统计用基金文章' })
    const buyer = await boundContact(t, bank, { risk_level: 'R3' })
    const browser = await boundContact(t, bank, { risk_level: 'R3' })
    const s1 = await sent(item, buyer.contact.external_userid)
    await sent(item, browser.contact.external_userid)
    const reader = client(t.baseUrl)
    await reader.request('GET', `/api/public/content/${s1.sendId}`)
    await reader.request('POST', `/api/public/content/${s1.sendId}/open`)
    const in3days = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    await bank.db
      .insertInto('holdings')
      .values({
        cif_no: buyer.customer.cif_no,
        product_type: 'fund',
        amount_cents: 10_000_000,
        opened_at: in3days,
        maturity_date: null,
      })
      .execute()
    await bank.db
      .insertInto('holdings')
      .values({
        cif_no: browser.customer.cif_no,
        product_type: 'gold',
        amount_cents: 10_000_000,
        opened_at: in3days,
        maturity_date: null,
      })
      .execute()
    const results = (await (await signIn(t, bank.supervisor.wecom_userid)).request('GET', '/api/content/results')).body(
      ContentResultsSchema,
    )
    expect(results.items.find((r) => r.key === String(item))).toEqual({
      key: String(item),
      label: '结果统计用基金文章',
      sends: 2,
      recipients: 2,
      opens: 1,
      openRate: 0.5,
      inquiries: 0,
      conversions: 1,
    })
    expect(results.authors.find((r) => r.label === '内容专员')?.conversions).toBeGreaterThanOrEqual(1)
    expect((await manager.request('GET', '/api/content/results')).status).toBe(403)
  })
})
