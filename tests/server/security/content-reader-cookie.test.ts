import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NEW_READERS_PER_IP } from '../../../server/features/content/tracking.service.js'
import { ensureReaderCookie, readerKey } from '../../../server/lib/reader-cookie.js'
import {
  approvedItem,
  boundContact,
  contentBank,
  fundItem,
  signIn,
  type Bank,
  type Client,
} from '../content/content-fixtures.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from '../wecom/fake-qyapi.js'

const HOUR = 3600_000

describe('content opens and inquiries count per server-issued reader cookie, not per a client-chosen id', () => {
  let t: TestApp
  let bank: Bank
  let manager: Client
  let qyapi: FakeQyapi
  let clock = Date.parse('2026-11-02T01:00:00Z')
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
  // Each test in a fresh hour: the per-IP windows of one test do not reach the next.
  beforeEach(() => {
    clock += 2 * HOUR
    t.setNow(new Date(clock))
  })

  async function sentLink(): Promise<string> {
    const item = await approvedItem(t, bank, { ...fundItem, title: `读者计数 ${clock}` })
    const { contact } = await boundContact(t, bank, { risk_level: 'R3' })
    const res = await manager.request('POST', '/api/content/sends', {
      itemId: item,
      externalUserId: contact.external_userid,
    })
    expect(res.status).toBe(201)
    expect((await manager.request('POST', `/api/content/sends/${res.json.sendId}/sent`)).status).toBe(204)
    return res.json.sendId as string
  }
  const counted = async (type: 'content_opened' | 'content_inquiry', sendId: string) =>
    (
      await bank.db
        .selectFrom('events')
        .select('dedupe_key')
        .where('type', '=', type)
        .where('ref_id', '=', sendId)
        .execute()
    ).map((r) => r.dedupe_key!)

  it('when 50 opens and 50 inquiries arrive with made-up device ids and no cookie, then none counts and each answers 400 READER_COOKIE_MISSING', async () => {
    const sendId = await sentLink()
    const forger = client(t.baseUrl)
    for (let n = 0; n < 50; n++) {
      const res = await forger.request('POST', `/api/public/content/${sendId}/open`, {
        deviceId: `made-up-device-${n}`,
      })
      expect([res.status, res.json?.error?.code]).toEqual([400, 'READER_COOKIE_MISSING'])
    }
    for (let n = 0; n < 50; n++) {
      const res = await forger.request('POST', `/api/public/content/${sendId}/inquiry`, { deviceId: `made-up-${n}-x` })
      // The per-IP inquiry limit (10 per 10 min) answers first once it bites; nothing counts either way.
      expect([400, 429]).toContain(res.status)
    }
    expect(await counted('content_opened', sendId)).toEqual([])
    expect(await counted('content_inquiry', sendId)).toEqual([])
  })

  it('when opens carry reader cookies the server never issued, then none counts', async () => {
    const sendId = await sentLink()
    for (let n = 0; n < 20; n++) {
      const forged = `ad_reader=${`forged${n}`.padEnd(22, 'A')}.${'B'.repeat(22)}`
      const res = await client(t.baseUrl).request('POST', `/api/public/content/${sendId}/open`, undefined, {
        cookie: forged,
      })
      expect(res.status).toBe(400)
    }
    expect(await counted('content_opened', sendId)).toEqual([])
  })

  it('when one browser opens the page, reloads it twice and asks twice, then one open and one inquiry count, keyed by the hash of its cookie', async () => {
    const sendId = await sentLink()
    const browser = client(t.baseUrl)
    const first = await browser.request('GET', `/api/public/content/${sendId}`)
    expect(first.status).toBe(200)
    const setCookie = first.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^ad_reader=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22};/)
    expect(setCookie).toMatch(/; Path=\/api\/public\/content/)
    expect(setCookie).toMatch(/; HttpOnly/)
    expect(setCookie).toMatch(/; SameSite=Lax/)
    expect(setCookie).not.toMatch(/; Secure/)
    expect((await browser.request('POST', `/api/public/content/${sendId}/open`)).status).toBe(204)
    for (let n = 0; n < 2; n++) {
      const again = await browser.request('GET', `/api/public/content/${sendId}`)
      expect(again.headers.get('set-cookie')).toBeNull()
      expect((await browser.request('POST', `/api/public/content/${sendId}/open`)).status).toBe(204)
    }
    for (let n = 0; n < 2; n++)
      expect((await browser.request('POST', `/api/public/content/${sendId}/inquiry`)).status).toBe(202)

    const id = /^ad_reader=([^.]+)\./.exec(browser.cookie)![1]!
    expect(await counted('content_opened', sendId)).toEqual([`content_opened:${sendId}:${readerKey(id)}`])
    expect(await counted('content_inquiry', sendId)).toEqual([`content_inquiry:${sendId}:${readerKey(id)}`])
    expect(
      JSON.stringify(await bank.db.selectFrom('events').select(['dedupe_key', 'payload']).execute()),
    ).not.toContain(id)
  })

  it('when a script fetches a fresh cookie before each of 50 opens from one IP, then at most the per-IP reader budget counts, and the next hour counts again', async () => {
    const sendId = await sentLink()
    for (let n = 0; n < 50; n++) {
      const fresh = client(t.baseUrl)
      expect((await fresh.request('GET', `/api/public/content/${sendId}`)).status).toBe(200)
      expect((await fresh.request('POST', `/api/public/content/${sendId}/open`)).status).toBe(204)
    }
    expect(await counted('content_opened', sendId)).toHaveLength(NEW_READERS_PER_IP.limit)
    t.setNow(new Date(clock + HOUR))
    const later = client(t.baseUrl)
    await later.request('GET', `/api/public/content/${sendId}`)
    await later.request('POST', `/api/public/content/${sendId}/open`)
    expect(await counted('content_opened', sendId)).toHaveLength(NEW_READERS_PER_IP.limit + 1)
  })

  it('when the public base URL is https, then the reader cookie is Secure as well', () => {
    const set: { name: string; options: Record<string, unknown> }[] = []
    const res = { cookie: (name: string, _v: string, options: Record<string, unknown>) => set.push({ name, options }) }
    const config = { sessionSecret: 'x'.repeat(32), publicBaseUrl: 'https://advisor.bank.example' }
    ensureReaderCookie({ cookies: {} }, res as never, config)
    expect(set).toEqual([
      {
        name: 'ad_reader',
        options: expect.objectContaining({
          httpOnly: true,
          secure: true,
          sameSite: 'lax',
          path: '/api/public/content',
        }),
      },
    ])
  })
})
