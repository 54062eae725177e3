import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from '../wecom/fake-qyapi.js'
import {
  approvedItem,
  baseItem,
  boundContact,
  contentBank,
  signIn,
  type Bank,
  type Client,
} from './content-fixtures.js'

describe('不再接收此类推送 from the tracked content page', () => {
  let t: TestApp
  let bank: Bank
  let manager: Client
  let qyapi: FakeQyapi
  let itemId: number
  beforeAll(async () => {
    qyapi = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: qyapi.base })
    bank = await contentBank(t)
    manager = await signIn(t, bank.manager.wecom_userid)
    itemId = await approvedItem(t, bank, baseItem)
  })
  afterAll(async () => {
    await t.close()
    await qyapi.close()
  })

  async function sentTo(externalUserId: string): Promise<string> {
    const res = await manager.request('POST', '/api/content/sends', { itemId, externalUserId })
    expect(res.status).toBe(201)
    expect((await manager.request('POST', `/api/content/sends/${res.json.sendId}/sent`)).status).toBe(204)
    return res.json.sendId
  }
  const optOut = (sendId: string, ip = '10.1.1.1') =>
    client(t.baseUrl, { 'x-forwarded-for': ip }).request('POST', `/api/public/content/${sendId}/opt-out`)
  const consentRows = (externalUserid: string) =>
    bank.db
      .selectFrom('marketing_consent')
      .select(['opted_out', 'channel', 'staff_userid', 'at'])
      .where('external_userid', '=', externalUserid)
      .execute()

  it('when the send is unknown, then 404 NOT_FOUND and nothing is recorded', async () => {
    const before = await bank.db.selectFrom('marketing_consent').select('id').execute()
    const res = await optOut('00000000-0000-4000-8000-000000000000')
    expect([res.status, res.json.error.code]).toEqual([404, 'NOT_FOUND'])
    expect(await bank.db.selectFrom('marketing_consent').select('id').execute()).toEqual(before)
  })

  it('when the customer opts out twice, then one row keeps the first date with the content-page channel', async () => {
    const { contact } = await boundContact(t, bank)
    const sendId = await sentTo(contact.external_userid)
    t.setNow(new Date('2026-12-01T02:00:00Z'))
    expect((await optOut(sendId)).status).toBe(204)
    t.setNow(new Date('2026-12-03T02:00:00Z'))
    expect((await optOut(sendId)).status).toBe(204)
    t.setNow(undefined)
    expect(await consentRows(contact.external_userid)).toEqual([
      { opted_out: 1, channel: 'content_page', staff_userid: null, at: '2026-12-01T02:00:00.000Z' },
    ])
    const shown = await manager.request('GET', `/api/contacts/${contact.external_userid}/marketing-consent`)
    expect(shown.json).toEqual({ optedOut: true, channel: 'content_page', at: '2026-12-01T02:00:00.000Z' })
  })

  it('when the customer opted out, then recommendations say so on the chat and every card', async () => {
    const { contact } = await boundContact(t, bank)
    const sendId = await sentTo(contact.external_userid)
    t.setNow(new Date('2026-12-02T02:00:00Z'))
    await optOut(sendId)
    t.setNow(undefined)
    // The item just sent is hidden as recently sent: another one must still be suggested, with the warning.
    await approvedItem(t, bank, { ...baseItem, title: '年末存款规划小贴士' })
    const res = await manager.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
    expect(res.status).toBe(200)
    expect(res.json.marketingOptOut).toEqual({ channel: 'content_page', at: '2026-12-02T02:00:00.000Z' })
    expect(res.json.warnings[0]).toContain('客户已于 2026-12-02 在内容页选择“不再接收此类推送”')
    expect(res.json.items.length).toBeGreaterThan(0)
    for (const rec of res.json.items) expect(rec.warnings).toContain('客户已拒收营销推送')
  })

  it('when a customer has not opted out, then recommendations carry no opt-out warning', async () => {
    const { contact } = await boundContact(t, bank)
    const res = await manager.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
    expect(res.json.marketingOptOut).toBeNull()
    expect(res.json.warnings.join()).not.toContain('不再接收')
  })

  it('when one address keeps calling, then it is rate-limited with 429 RATE_LIMITED', async () => {
    const { contact } = await boundContact(t, bank)
    const sendId = await sentTo(contact.external_userid)
    // Fixed one-minute windows: the clock stands still mid-window so the calls cannot straddle two windows.
    t.setNow(new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000))
    const statuses: number[] = []
    for (let i = 0; i < 125; i++) statuses.push((await optOut(sendId, '10.9.9.9')).status)
    expect(statuses.slice(0, 100).every((s) => s === 204)).toBe(true)
    const last = await optOut(sendId, '10.9.9.9')
    t.setNow(undefined)
    expect([last.status, last.json?.error.code]).toEqual([429, 'RATE_LIMITED'])
  })
})
