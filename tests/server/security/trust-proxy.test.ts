import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/config.js'
import { PRODUCTION_ENV } from '../support/production-env.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

/** Calls the per-IP limited public link lookup (60 a minute) 61 times, each with a new forged X-Forwarded-For. */
async function rotatingStatuses(t: TestApp): Promise<number[]> {
  const statuses: number[] = []
  // One fixed minute: the limit's window must not turn over mid-run.
  t.setNow(new Date(Date.UTC(2031, 0, 1)))
  for (let i = 0; i < 61; i++) {
    const c = client(t.baseUrl, { 'x-forwarded-for': `203.0.113.${i}` })
    statuses.push((await c.request('GET', `/api/public/verifications/${'x'.repeat(43)}`)).status)
  }
  return statuses
}

describe('trusted proxies (TRUST_PROXY)', () => {
  let t: TestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  it('when parsed, then a hop count, addresses/CIDRs and none are understood; production trusts none, the demo loopback', () => {
    expect(loadConfig(PRODUCTION_ENV).trustProxy).toBe(false)
    expect(loadConfig({ DEMO: '1' }).trustProxy).toEqual(['loopback'])
    expect(loadConfig({ ...PRODUCTION_ENV, TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ ...PRODUCTION_ENV, TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
    ])
    expect(loadConfig({ DEMO: '1', TRUST_PROXY: 'none' }).trustProxy).toBe(false)
    expect(() => loadConfig({ ...PRODUCTION_ENV, TRUST_PROXY: 'yes please!' })).toThrow(ConfigError)
  })

  it('when production trusts no proxy, then rotating X-Forwarded-For from one address does not dodge the per-IP limit', async () => {
    t = await startTestApp({ ...PRODUCTION_ENV, PUBLIC_BASE_URL: 'http://127.0.0.1' })
    const statuses = await rotatingStatuses(t)
    expect(statuses.slice(0, 60).every((s) => s !== 429)).toBe(true)
    expect(statuses[60]).toBe(429)
  })

  it('when the hop is trusted (TRUST_PROXY=loopback), then X-Forwarded-For names the client', async () => {
    t = await startTestApp({ ...PRODUCTION_ENV, PUBLIC_BASE_URL: 'http://127.0.0.1', TRUST_PROXY: 'loopback' })
    expect((await rotatingStatuses(t)).includes(429)).toBe(false)
  })

  it('when only another address is trusted, then loopback’s forged header is ignored', async () => {
    t = await startTestApp({ ...PRODUCTION_ENV, PUBLIC_BASE_URL: 'http://127.0.0.1', TRUST_PROXY: '10.1.2.3' })
    expect((await rotatingStatuses(t))[60]).toBe(429)
  })
})
