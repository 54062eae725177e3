import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsapiSignature } from '../../../server/features/wecom/js-signature.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'
import { browser } from './http.js'

const ORIGIN = 'https://advisor.bank.example.cn'
const NOW = new Date('2025-03-03T02:00:00Z')

describe('POST /api/wecom/js-signatures', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: ORIGIN })
    t.setNow(NOW)
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })
  const sign = (url: unknown, ip = '10.0.0.1') =>
    browser(t.baseUrl).request('POST', '/api/wecom/js-signatures', {
      body: JSON.stringify({ url }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    })

  it('when our page asks, then both signatures verify over the URL cut at # and the tickets stay secret', async () => {
    const res = await sign(`${ORIGIN}/sidebar?from=chat#/profile`)
    expect(res.status).toBe(200)
    const b = res.json
    expect(b).toMatchObject({ corpId: t.ctx.config.wecom.corpId, agentId: t.ctx.config.wecom.agentId })
    const url = `${ORIGIN}/sidebar?from=chat`
    const ts = NOW.getTime() / 1000
    expect(b.corp.timestamp).toBe(ts)
    expect(b.agent.timestamp).toBe(ts)
    expect(b.corp.signature).toBe(
      jsapiSignature({ ticket: 'corp-ticket-1', nonceStr: b.corp.nonceStr, timestamp: ts, url }),
    )
    expect(b.agent.signature).toBe(
      jsapiSignature({ ticket: 'agent-ticket-1', nonceStr: b.agent.nonceStr, timestamp: ts, url }),
    )
    expect(b.corp.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(res.text).not.toContain('ticket-1')
    expect(res.text).not.toContain('tok-')
    expect(t.logs.join('\n')).not.toContain('ticket-1')
  })

  it('when asked twice, then each call gets fresh nonces and tickets are fetched only once', async () => {
    const a = (await sign(`${ORIGIN}/sidebar`)).json
    const b = (await sign(`${ORIGIN}/sidebar`)).json
    expect(new Set([a.corp.nonceStr, a.agent.nonceStr, b.corp.nonceStr, b.agent.nonceStr]).size).toBe(4)
    expect(fake.count('/get_jsapi_ticket')).toBe(1)
    expect(fake.count('/ticket/get')).toBe(1)
  })

  it('when the URL is of another origin, then 400 URL_NOT_ALLOWED', async () => {
    for (const url of [
      'https://evil.example.com/sidebar',
      `${ORIGIN}.evil.com/sidebar`,
      'http://advisor.bank.example.cn/sidebar',
      'not a url',
    ]) {
      const res = await sign(url)
      expect(res.status, url).toBe(400)
      expect(res.json.error.code).toBe('URL_NOT_ALLOWED')
    }
    expect((await sign(42)).json.error.code).toBe('VALIDATION_FAILED')
  })

  it('when one IP exceeds 60 a minute, then 429 RATE_LIMITED with Retry-After, other IPs unaffected', async () => {
    const ip = '10.9.9.9'
    for (let i = 0; i < 60; i++) expect((await sign(`${ORIGIN}/sidebar`, ip)).status).toBe(200)
    const limited = await sign(`${ORIGIN}/sidebar`, ip)
    expect(limited.status).toBe(429)
    expect(limited.json.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁') })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await sign(`${ORIGIN}/sidebar`, '10.9.9.10')).status).toBe(200)
    t.setNow(new Date(NOW.getTime() + 61_000))
    expect((await sign(`${ORIGIN}/sidebar`, ip)).status).toBe(200)
    t.setNow(NOW)
  })
})
