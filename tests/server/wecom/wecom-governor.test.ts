import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createWecomClient } from '../../../server/features/wecom/wecom-client.js'
import { WecomApiError, WecomRateLimitError, WecomTransportError } from '../../../server/features/wecom/wecom-errors.js'
import type { AppContext } from '../../../server/lib/context.js'
import type { TestDb } from '../support/test-db.js'
import { createClientContext } from './client-context.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'

const START = new Date('2025-03-03T02:00:30Z')

describe('WeCom call governor', () => {
  let fake: FakeQyapi
  let ctx: AppContext
  let testDb: TestDb
  let setNow: (d: Date) => void
  let now: Date
  let sleeps: number[]
  // The clock moves only when the code sleeps: no wall time in these tests.
  const sleep = async (ms: number) => {
    sleeps.push(ms)
    now = new Date(now.getTime() + ms)
    setNow(now)
  }
  beforeAll(async () => {
    fake = await startFakeQyapi()
    ;({ ctx, testDb, setNow } = await createClientContext(fake.base))
  })
  afterAll(async () => {
    await testDb.drop()
    await fake.close()
  })
  beforeEach(async () => {
    fake.reset()
    sleeps = []
    now = START
    setNow(now)
    await ctx.db.kysely.deleteFrom('rate_limits').execute()
    await ctx.db.kysely.deleteFrom('kv').execute()
  })
  const client = (pacing = {}) => createWecomClient(ctx, fetch, { sleep, random: () => 0, pacing })

  for (const errcode of [-1, 45009, 45033]) {
    it(`when WeCom answers ${errcode} twice, then the call waits with growing backoff and succeeds`, async () => {
      fake.on('/externalcontact/list', (_c, n) =>
        n <= 2 ? { errcode, errmsg: 'busy' } : { errcode: 0, external_userid: ['wm1'] },
      )
      await expect(client().listExternalContacts('u')).resolves.toMatchObject({ external_userid: ['wm1'] })
      const factor = errcode === 45009 ? 2 : 1
      expect(sleeps).toEqual([200 * factor, 400 * factor])
    })
  }

  it('when the network fails on a read, then it is retried; on a create, it is not', async () => {
    let down = true
    fake.on('/externalcontact/batch/get_by_user', () => (down ? { not: 'json' } : { errcode: 0 }))
    const failing: typeof fetch = async (url, init) => {
      if (String(url).includes('/externalcontact/') && down) throw new TypeError('fetch failed')
      return fetch(url, init)
    }
    const c = createWecomClient(ctx, failing, { sleep, random: () => 0 })
    await expect(c.batchGetByUser({ userid_list: ['u'] })).rejects.toBeInstanceOf(WecomTransportError)
    expect(sleeps).toEqual([200, 400, 800])
    sleeps = []
    await expect(c.addMsgTemplate({ chat_type: 'single', text: { content: 'x' } })).rejects.toBeInstanceOf(
      WecomTransportError,
    )
    expect(sleeps).toEqual([])
    down = false
  })

  it('when the per-API budget of the minute is used, then the next call waits for the next window', async () => {
    fake.on('/externalcontact/list', () => ({ errcode: 0, external_userid: [] }))
    const a = client({ perApiPerMinute: 2 })
    // A second instance sharing the database shares the budget.
    const b = client({ perApiPerMinute: 2 })
    await a.listExternalContacts('u')
    await b.listExternalContacts('u')
    expect(sleeps).toEqual([])
    await a.listExternalContacts('u')
    expect(sleeps).toEqual([30_001])
    expect(fake.count('/externalcontact/list')).toBe(3)
  })

  it('when the pacing budget is spent, then the call fails honestly without reaching WeCom', async () => {
    const c = client({ perApiPerMinute: 1, maxWaitMs: 10_000 })
    await c.listExternalContacts('u').catch(() => undefined)
    const err = await c.listExternalContacts('u').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomRateLimitError)
    expect((err as WecomApiError).errcode).toBe(45009)
    expect(fake.count('/externalcontact/list')).toBe(1)
  })
})
