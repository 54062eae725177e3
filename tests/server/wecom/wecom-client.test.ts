import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../../server/lib/context.js'
import { createWecomClient } from '../../../server/features/wecom/wecom-client.js'
import { WecomApiError, WecomRateLimitError } from '../../../server/features/wecom/wecom-errors.js'
import { createClientContext } from './client-context.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'
import type { TestDb } from '../support/test-db.js'

const fast = { busyBackoffMs: () => 5 }
const T0 = new Date('2025-03-03T02:00:00Z')

describe('WeCom client', () => {
  let fake: FakeQyapi
  let ctx: AppContext
  let testDb: TestDb
  let setNow: (d: Date) => void

  beforeAll(async () => {
    fake = await startFakeQyapi()
    ;({ ctx, testDb, setNow } = await createClientContext(fake.base))
  })
  afterEach(async () => {
    fake.reset()
    setNow(T0)
    await ctx.db.kysely.deleteFrom('kv').execute()
  })
  afterAll(async () => {
    await testDb.drop()
    await fake.close()
  })

  it('when called twice, then one token is fetched and sent in the query string', async () => {
    const client = createWecomClient(ctx, fetch, fast)
    await client.getFollowUserList()
    await client.listExternalContacts('zhangsan')
    expect(fake.count('/gettoken')).toBe(1)
    expect(fake.calls.find((c) => c.path === '/gettoken')?.query).toMatchObject({
      corpid: ctx.config.wecom.corpId,
      corpsecret: ctx.config.wecom.secret,
    })
    expect(fake.calls.find((c) => c.path === '/externalcontact/list')?.query).toEqual({
      access_token: 'tok-1',
      userid: 'zhangsan',
    })
  })

  it('when the token is within 5 minutes of expires_in, then it is renewed before use', async () => {
    const client = createWecomClient(ctx, fetch, fast)
    await client.getFollowUserList()
    setNow(new Date(T0.getTime() + (7200 - 6 * 60) * 1000))
    await client.getFollowUserList()
    expect(fake.count('/gettoken')).toBe(1)
    setNow(new Date(T0.getTime() + (7200 - 4 * 60) * 1000))
    await client.getFollowUserList()
    expect(fake.count('/gettoken')).toBe(2)
    expect(
      fake.calls.filter((c) => c.path === '/externalcontact/get_follow_user_list').map((c) => c.query.access_token),
    ).toEqual(['tok-1', 'tok-1', 'tok-2'])
  })

  it('when WeCom answers 40014 once, then the token is refreshed and the call retried once', async () => {
    fake.on('/externalcontact/list', (_c, n) =>
      n === 1 ? { errcode: 40014, errmsg: 'invalid access_token' } : { errcode: 0, external_userid: ['wmA'] },
    )
    const client = createWecomClient(ctx, fetch, fast)
    await expect(client.listExternalContacts('zhangsan')).resolves.toMatchObject({ external_userid: ['wmA'] })
    expect(fake.count('/gettoken')).toBe(2)
    const row = await ctx.db.kysely
      .selectFrom('kv')
      .select('value')
      .where('key', 'like', 'wecom:access_token:%')
      .executeTakeFirst()
    expect(row?.value).toBe('tok-2')
  })

  it('when WeCom keeps answering 42001, then it retries only once and throws', async () => {
    fake.on('/externalcontact/list', () => ({ errcode: 42001, errmsg: 'access_token expired' }))
    const client = createWecomClient(ctx, fetch, fast)
    await expect(client.listExternalContacts('zhangsan')).rejects.toMatchObject({ errcode: 42001 })
    expect(fake.count('/externalcontact/list')).toBe(2)
    expect(fake.count('/gettoken')).toBe(2)
  })

  it('when WeCom is busy (-1), then the call is retried up to 3 times with backoff', async () => {
    fake.on('/externalcontact/get_follow_user_list', (_c, n) =>
      n < 3 ? { errcode: -1, errmsg: 'system busy' } : { errcode: 0, follow_user: ['a'] },
    )
    const delays: number[] = []
    const client = createWecomClient(ctx, fetch, { busyBackoffMs: (n) => (delays.push(n), 5) })
    await expect(client.getFollowUserList()).resolves.toMatchObject({ follow_user: ['a'] })
    expect(delays).toEqual([0, 1])
    fake.on('/externalcontact/get_follow_user_list', () => ({ errcode: -1, errmsg: 'system busy' }))
    await expect(client.getFollowUserList()).rejects.toMatchObject({ errcode: -1 })
    expect(fake.count('/externalcontact/get_follow_user_list')).toBe(3 + 4)
  })

  it('when the default backoff is used, then the wait doubles between retries (200 ms, then 400 ms)', async () => {
    fake.on('/externalcontact/list', (_c, n) =>
      n < 3 ? { errcode: -1, errmsg: 'busy' } : { errcode: 0, external_userid: [] },
    )
    const waits: number[] = []
    const client = createWecomClient(ctx, fetch, { sleep: async (ms) => void waits.push(ms), random: () => 0 })
    await client.listExternalContacts('u')
    expect(waits).toEqual([200, 400])
  })

  it('when WeCom keeps answering 45009, then it is retried with backoff and a typed rate-limit error comes out', async () => {
    fake.on('/externalcontact/get', () => ({ errcode: 45009, errmsg: 'api freq out of limit' }))
    const err = await createWecomClient(ctx, fetch, fast)
      .getExternalContact('wm1')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomRateLimitError)
    expect(err).toBeInstanceOf(WecomApiError)
    expect(fake.count('/externalcontact/get')).toBe(4)
  })

  it('when WeCom answers another errcode, then WecomApiError carries the meaning and never the token', async () => {
    fake.on('/externalcontact/get', () => ({ errcode: 60020, errmsg: 'not allow to access from your ip' }))
    const err = (await createWecomClient(ctx, fetch, fast)
      .getExternalContact('wm1')
      .catch((e: unknown) => e)) as WecomApiError
    expect(err).toBeInstanceOf(WecomApiError)
    expect(err).toMatchObject({
      errcode: 60020,
      errmsg: 'not allow to access from your ip',
      meaning: expect.stringContaining('可信 IP'),
      api: '/externalcontact/get',
    })
    expect(err.message).not.toContain('tok-')
    fake.on('/externalcontact/get', () => ({ errcode: 40001, errmsg: 'invalid secret' }))
    await expect(createWecomClient(ctx, fetch, fast).getExternalContact('wm1')).rejects.toMatchObject({
      errcode: 40001,
      meaning: expect.stringContaining('secret'),
    })
  })

  it('when many callers ask for tickets at once, then each ticket is fetched once and cached', async () => {
    const client = createWecomClient(ctx, fetch, fast)
    const got = await Promise.all([...Array(5)].flatMap(() => [client.corpJsapiTicket(), client.agentJsapiTicket()]))
    expect(new Set(got)).toEqual(new Set(['corp-ticket-1', 'agent-ticket-1']))
    await client.agentJsapiTicket()
    expect(fake.count('/gettoken')).toBe(1)
    expect(fake.count('/get_jsapi_ticket')).toBe(1)
    expect(fake.count('/ticket/get')).toBe(1)
    expect(fake.calls.find((c) => c.path === '/ticket/get')?.query.type).toBe('agent_config')
  })

  it('when a second client instance starts, then it reuses the token and tickets from the kv table', async () => {
    await createWecomClient(ctx, fetch, fast).agentJsapiTicket()
    const other = createWecomClient(ctx, fetch, fast)
    expect(await other.agentJsapiTicket()).toBe('agent-ticket-1')
    await other.getFollowUserList()
    expect(fake.count('/gettoken')).toBe(1)
    expect(fake.count('/ticket/get')).toBe(1)
  })

  it('when a contact has more followers, then the cursor is passed', async () => {
    fake.on('/externalcontact/get', () => ({
      errcode: 0,
      external_contact: { external_userid: 'wm1', name: '李女士', type: 1 },
      follow_user: [],
      next_cursor: '',
    }))
    const r = await createWecomClient(ctx, fetch, fast).getExternalContact('wm1', 'CUR2')
    expect(r.external_contact.name).toBe('李女士')
    expect(fake.calls.find((c) => c.path === '/externalcontact/get')?.query).toMatchObject({
      external_userid: 'wm1',
      cursor: 'CUR2',
    })
  })

  it('when posting a JSON call, then the body is JSON and the reply is parsed', async () => {
    fake.on('/externalcontact/add_msg_template', () => ({
      errcode: 0,
      errmsg: 'ok',
      msgid: 'msgGCAAAXtWyujaWJHDDGi0mAAAA',
      fail_list: [],
    }))
    const r = await createWecomClient(ctx, fetch, fast).addMsgTemplate({
      chat_type: 'single',
      external_userid: ['wm1'],
      text: { content: '您好' },
    })
    expect(r.msgid).toBe('msgGCAAAXtWyujaWJHDDGi0mAAAA')
    const call = fake.calls.find((c) => c.path === '/externalcontact/add_msg_template')!
    expect(call.contentType).toContain('application/json')
    expect(JSON.parse(call.body)).toEqual({ chat_type: 'single', external_userid: ['wm1'], text: { content: '您好' } })
  })

  it('when uploading media, then it is multipart with a `media` file field', async () => {
    fake.on('/media/upload', () => ({
      errcode: 0,
      errmsg: 'ok',
      type: 'image',
      media_id: 'MEDIA1',
      created_at: '1380000000',
    }))
    const r = await createWecomClient(ctx, fetch, fast).uploadMedia({
      type: 'image',
      filename: 'chart.png',
      contentType: 'image/png',
      data: Buffer.from('png-bytes'),
    })
    expect(r).toMatchObject({ media_id: 'MEDIA1', created_at: 1380000000 })
    const call = fake.calls.find((c) => c.path === '/media/upload')!
    expect(call.query.type).toBe('image')
    expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(call.body).toContain('name="media"; filename="chart.png"')
    expect(call.body).toContain('png-bytes')
  })
})
