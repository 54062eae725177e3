import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { processPendingCallbacks } from '../../../server/features/wecom/callback-processor.js'
import { CALLBACK_RETRY, retryAfterFailure } from '../../../server/features/wecom/callback-retry.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { contactEvent } from './callback-delivery.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'

const NOW = new Date('2025-03-03T02:00:00Z')
const NOW_S = NOW.getTime() / 1000

const detail = {
  errcode: 0,
  external_contact: { external_userid: 'wmCUST001', name: '王女士', avatar: '', type: 1, gender: 2 },
  follow_user: [{ userid: 'zhangsan', remark: '', createtime: NOW_S - 30, add_way: 1, tags: [] }],
}

describe('callback processing when WeCom lookups fail', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: fake.base })
    t.setNow(NOW)
  })
  afterEach(async () => {
    fake.reset()
    t.setNow(NOW)
    await t.ctx.db.kysely.deleteFrom('wecom_callbacks').execute()
    await t.ctx.db.kysely.deleteFrom('wecom_contacts').execute()
    await t.ctx.db.kysely.deleteFrom('events').execute()
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })

  const db = () => t.ctx.db.kysely
  const store = () =>
    db()
      .insertInto('wecom_callbacks')
      .values({
        dedupe_key: 'evt:sys:1:add',
        msg_type: 'event',
        event: 'change_external_contact',
        change_type: 'add_external_contact',
        payload: contactEvent('add_external_contact', NOW_S),
        received_at: NOW.toISOString(),
        attempts: 0,
      })
      .execute()
  const row = () => db().selectFrom('wecom_callbacks').selectAll().executeTakeFirstOrThrow()

  for (const [why, reply] of [
    ['45009 rate limit', { errcode: 45009, errmsg: 'api freq out of limit' }],
    ['48002 no permission', { errcode: 48002, errmsg: 'api forbidden' }],
    ['60020 untrusted IP', { errcode: 60020, errmsg: 'not allow to access from your ip' }],
  ] as const) {
    it(`when externalcontact/get answers ${why}, then the delivery stays pending with its error and no relation is stored`, async () => {
      fake.on('/externalcontact/get', () => reply)
      await store()
      expect(await processPendingCallbacks(t.ctx)).toBe(0)
      const r = await row()
      expect(r).toMatchObject({ processed_at: null, attempts: 1, dead_at: null })
      expect(r.last_error).toContain(String(reply.errcode))
      expect(Date.parse(r.next_attempt_at!)).toBeGreaterThan(NOW.getTime())
      expect(await db().selectFrom('wecom_contacts').select('id').execute()).toEqual([])
      expect(await db().selectFrom('events').select('id').execute()).toEqual([])

      // Not due yet: left alone. Once due and WeCom answers, the relation is complete.
      expect(await processPendingCallbacks(t.ctx)).toBe(0)
      fake.on('/externalcontact/get', () => detail)
      t.setNow(new Date(Date.parse(r.next_attempt_at!) + 1))
      expect(await processPendingCallbacks(t.ctx)).toBe(1)
      expect(await db().selectFrom('wecom_contacts').select(['name', 'add_way']).execute()).toEqual([
        { name: '王女士', add_way: 1 },
      ])
    })
  }

  it('when every attempt fails, then the delivery is dead-lettered, listed for the admin and retryable', async () => {
    fake.on('/externalcontact/get', () => ({ errcode: 48002, errmsg: 'api forbidden' }))
    await store()
    for (let i = 0; i < CALLBACK_RETRY.maxAttempts; i++) {
      await processPendingCallbacks(t.ctx)
      const r = await row()
      if (r.next_attempt_at) t.setNow(new Date(Date.parse(r.next_attempt_at) + 1))
    }
    const dead = await row()
    expect(dead).toMatchObject({ attempts: CALLBACK_RETRY.maxAttempts, processed_at: null, next_attempt_at: null })
    expect(dead.dead_at).not.toBeNull()

    const { c: admin } = await adminClient(t)
    const list = await admin.request('GET', '/api/wecom/dead-letters')
    expect(list.status).toBe(200)
    expect(list.json.deadLetters).toEqual([
      expect.objectContaining({ id: Number(dead.id), changeType: 'add_external_contact', attempts: 8 }),
    ])
    expect(list.json.deadLetters[0].lastError).toContain('48002')

    fake.on('/externalcontact/get', () => detail)
    expect((await admin.request('POST', `/api/wecom/dead-letters/${dead.id}/retry`)).status).toBe(204)
    expect((await admin.request('POST', `/api/wecom/dead-letters/999999/retry`)).status).toBe(404)
    await expect.poll(async () => (await row()).processed_at, { timeout: 15_000 }).not.toBeNull()
    expect(await db().selectFrom('wecom_contacts').select('name').execute()).toEqual([{ name: '王女士' }])
  })

  it('when attempts fail, then the waits grow exponentially with jitter and the last one dead-letters', () => {
    const at = (n: number, r: number) => Date.parse(retryAfterFailure(n, NOW, () => r).nextAttemptAt!) - NOW.getTime()
    expect(at(1, 0)).toBe(15_000)
    expect(at(1, 1)).toBe(30_000)
    expect(at(3, 1)).toBe(120_000)
    expect(at(7, 1)).toBe(1_920_000)
    expect(retryAfterFailure(8, NOW).deadAt).toBe(NOW.toISOString())
  })
})
