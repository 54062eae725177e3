import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dayStart, expectLimited, from, startPair, type Pair } from './two-instances.js'

const TOKEN = 'x'.repeat(43)
const SEND = 'unknownSendId0000001'

/** Every public path an outsider can guess at or make us pay for, with its documented per-IP limit (docs/security.md). */
const CASES = [
  {
    path: 'GET /api/public/verifications/:token',
    method: 'GET',
    url: `/api/public/verifications/${TOKEN}`,
    limit: 60,
    windowMs: 60_000,
  },
  {
    path: 'POST /api/public/verifications/:token/sms',
    method: 'POST',
    url: `/api/public/verifications/${TOKEN}/sms`,
    body: { name: '张三', phone: '13800000000', consent: true },
    limit: 10,
    windowMs: 3600_000,
  },
  {
    path: 'POST /api/public/verifications/:token/confirm',
    method: 'POST',
    url: `/api/public/verifications/${TOKEN}/confirm`,
    body: { code: '000000' },
    limit: 30,
    windowMs: 600_000,
  },
  // GET /auth/wecom/callback is limited per OAuth code (20 per 10 min), with a per-IP ceiling sized for a bank's
  // shared egress IP (10,000 per 10 min): tests/server/wecom/oauth.test.ts covers both.
  {
    path: 'POST /api/wecom/js-signatures',
    method: 'POST',
    url: '/api/wecom/js-signatures',
    body: { url: 'http://localhost:0/sidebar' },
    limit: 60,
    windowMs: 60_000,
  },
  {
    path: 'GET /api/public/content/:sendId',
    method: 'GET',
    url: `/api/public/content/${SEND}`,
    limit: 120,
    windowMs: 60_000,
  },
  {
    path: 'GET /api/public/content/:sendId/image.png',
    method: 'GET',
    url: `/api/public/content/${SEND}/image.png`,
    limit: 120,
    windowMs: 60_000,
  },
  {
    path: 'POST /api/public/content/:sendId/open',
    method: 'POST',
    url: `/api/public/content/${SEND}/open`,
    limit: 120,
    windowMs: 60_000,
  },
  {
    path: 'POST /api/public/content/:sendId/inquiry',
    method: 'POST',
    url: `/api/public/content/${SEND}/inquiry`,
    limit: 10,
    windowMs: 600_000,
  },
] as const

describe('per-IP limits on public paths, across two instances sharing one database', () => {
  let pair: Pair
  beforeAll(async () => {
    pair = await startPair()
  })
  afterAll(async () => {
    await pair.close()
  })

  it.each(CASES.map((c, i) => [c.path, c, i] as const))(
    'when one IP calls %s past its limit on both instances, then it gets 429 while another IP does not, until the window ends',
    async (_name, c, i) => {
      const start = dayStart(i)
      pair.setNow(new Date(start.getTime() + 1000))
      const ip = `198.51.100.${i + 1}`
      const call = (instance: number, who = ip) =>
        from(pair, instance, who).request(c.method, c.url, 'body' in c ? c.body : undefined)
      // Alternating instances: each counts the other's hits, or the limit would hold at twice its value.
      for (let n = 0; n < c.limit; n++) {
        const res = await call(n)
        expect(res.status, `${c.path} hit ${n + 1} of ${c.limit}`).not.toBe(429)
      }
      expectLimited(await call(c.limit), 'RATE_LIMITED', `${c.path} on instance ${c.limit % 2}`)
      expectLimited(await call(c.limit + 1), 'RATE_LIMITED', `${c.path} on instance ${(c.limit + 1) % 2}`)

      for (const instance of [0, 1])
        expect((await call(instance, `203.0.113.${i + 1}`)).status, `${c.path} other IP`).not.toBe(429)

      pair.setNow(new Date(start.getTime() + c.windowMs - 1000))
      expectLimited(await call(0), 'RATE_LIMITED', `${c.path} just before the window ends`)
      pair.setNow(new Date(start.getTime() + c.windowMs))
      for (const instance of [0, 1]) expect((await call(instance)).status, `${c.path} after the window`).not.toBe(429)
    },
  )

  it('when one IP bursts 80 concurrent requests split over both instances, then exactly the limit get through', async () => {
    pair.setNow(new Date(dayStart(50).getTime() + 1000))
    const burst = await Promise.all(
      Array.from({ length: 80 }, (_, n) =>
        from(pair, n, '198.51.100.200').request('GET', `/api/public/verifications/${TOKEN}`),
      ),
    )
    expect(burst.filter((r) => r.status !== 429)).toHaveLength(60)
  })
})
