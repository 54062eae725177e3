import { afterEach, describe, expect, it } from 'vitest'
import { runDoctor } from '../../../server/features/wecom/doctor/doctor.service.js'
import { WecomApiError, WecomTransportError } from '../../../server/features/wecom/wecom-errors.js'
import { staffWithCustomer } from './factories.js'
import { api, direct, noWait, setFault, sim, t, T0, useStrictSimulator } from './strict-simulator.js'

useStrictSimulator()

describe('fault controls on every cgi route', () => {
  it.each([
    ['rate_limit', 45009],
    ['concurrency', 45033],
    ['busy', -1],
    ['no_permission', 48002],
    ['outside_range', 60011],
    ['ip_not_trusted', 60020],
  ])('when %s is set for the next 2 calls of an API, then exactly those 2 answer %i', async (kind, errcode) => {
    await api.ensureToken()
    await setFault({ api: 'externalcontact/get_follow_user_list', kind, count: 2 })
    const codes = []
    for (let i = 0; i < 3; i++) codes.push((await api.get('/externalcontact/get_follow_user_list')).errcode)
    expect(codes).toEqual([errcode, errcode, 0])
  })

  it('when a fault is set for `*`, then a route the fault module never names fails too, until cleared', async () => {
    await api.ensureToken()
    await setFault({ api: '*', kind: 'no_permission', probability: 1 })
    expect((await api.get('/externalcontact/get_follow_user_list')).errcode).toBe(48002)
    expect((await api.post('/externalcontact/groupchat/list', { limit: 10 })).errcode).toBe(48002)
    expect((await api.get('/some/future_api')).errcode).toBe(48002)
    expect((await sim.request('GET', '/simulator/api/faults')).json.faults).toMatchObject([
      { api: '*', kind: 'no_permission', probability: 1, hits: 3 },
    ])
    await sim.request('DELETE', '/simulator/api/faults')
    expect((await api.get('/externalcontact/get_follow_user_list')).errcode).toBe(0)
  })

  it('when faults are set for the handover APIs, then transfer_customer and transfer_result answer them too', async () => {
    await api.ensureToken()
    await setFault({ api: 'externalcontact/transfer_customer', kind: 'rate_limit', count: 1 })
    await setFault({ api: 'externalcontact/transfer_result', kind: 'ip_not_trusted', count: 1 })
    const pair = { handover_userid: 'nobody-a', takeover_userid: 'nobody-b' }
    expect((await api.post('/externalcontact/transfer_customer', { ...pair, external_userid: ['wmx'] })).errcode).toBe(
      45009,
    )
    expect((await api.post('/externalcontact/transfer_result', pair)).errcode).toBe(60020)
    // Fault spent: the call reaches the handover route itself, which refuses the unknown member.
    expect((await api.post('/externalcontact/transfer_customer', { ...pair, external_userid: ['wmx'] })).errcode).toBe(
      60111,
    )
  })

  it('when a fault has neither count nor probability, or a malformed API path, then 400', async () => {
    expect((await sim.request('PUT', '/simulator/api/faults', { api: '*', kind: 'busy' })).status).toBe(400)
    const bad = { api: '../x', kind: 'busy', count: 1 }
    expect((await sim.request('PUT', '/simulator/api/faults', bad)).status).toBe(400)
  })

  it('when more than 10 moment tasks are created in a minute, then the 11th gets 45009 until the block lifts', async () => {
    const codes = []
    for (let i = 0; i < 11; i++)
      codes.push((await api.post('/externalcontact/add_moment_task', { text: { content: `第${i}条` } })).errcode)
    expect(codes.slice(0, 10).every((c) => c === 0)).toBe(true)
    expect(codes[10]).toBe(45009)
    t.setNow(new Date(T0.getTime() + 61_000))
    expect((await api.post('/externalcontact/add_moment_task', { text: { content: '解封后' } })).errcode).toBe(0)
  })
})

describe('the real client against the strict simulator', () => {
  it('when 45009, 45033 and -1 come in turn, then the client backs off and gets the answer', async () => {
    const { userid } = await staffWithCustomer(t.ctx.db)
    const c = noWait()
    for (const kind of ['rate_limit', 'concurrency', 'busy'])
      await setFault({ api: 'externalcontact/get_follow_user_list', kind, count: 1 })
    expect((await c.getFollowUserList()).follow_user).toContain(userid)
  })

  it('when the connection is dropped once, then an idempotent call is retried; when it always is, a transport error', async () => {
    const c = noWait()
    await c.getFollowUserList()
    await setFault({ api: 'externalcontact/get_follow_user_list', kind: 'network', count: 1 })
    await expect(c.getFollowUserList()).resolves.toBeTruthy()
    await setFault({ api: 'externalcontact/get_follow_user_list', kind: 'timeout', probability: 1 })
    await expect(c.getFollowUserList()).rejects.toBeInstanceOf(WecomTransportError)
  })

  it('when the access_token is revoked or expired early, then raw calls get 40014 / 42001 and the client recovers', async () => {
    const c = noWait()
    await c.getFollowUserList()
    const stale = await api.ensureToken()
    const raw = async () =>
      (await (await fetch(api.url('/externalcontact/get_follow_user_list', { access_token: stale }))).json()).errcode
    expect(
      (await sim.request('POST', '/simulator/api/credentials/end', { kind: 'access_token', how: 'revoke' })).json,
    ).toEqual({ ended: 1 })
    expect(await raw()).toBe(40014)
    await expect(c.getFollowUserList()).resolves.toBeTruthy()
    await sim.request('POST', '/simulator/api/credentials/end', { kind: 'access_token', how: 'expire' })
    await expect(c.getFollowUserList()).resolves.toBeTruthy()
  })

  it('when the app lacks permission, is outside the visible range or calls from an untrusted IP, then doctor names the fix', async () => {
    for (const [kind, check, errcode, hint] of [
      ['no_permission', 'contact-scope', 48002, '可调用接口的应用'],
      ['outside_range', 'contact-scope', 60011, '可见范围'],
      ['ip_not_trusted', 'token', 60020, '企业可信IP'],
    ] as const) {
      await t.ctx.db.kysely.deleteFrom('kv').execute()
      await setFault({
        api: check === 'token' ? 'gettoken' : 'externalcontact/get_follow_user_list',
        kind,
        probability: 1,
      })
      const checks = await runDoctor(direct, noWait())
      const found = checks.find((x) => x.id === check)
      expect(found).toMatchObject({ status: 'fail', detail: expect.stringContaining(String(errcode)) })
      expect(found?.hint).toContain(hint)
      await sim.request('DELETE', '/simulator/api/faults')
    }
  })
})

describe('callback timing, group and tag events, URL verification', () => {
  it('when the app answers, then group (create / update / dismiss) and tag events arrive as distinct callbacks', async () => {
    const events = [
      { kind: 'chat', changeType: 'create', chatId: 'wrChatA' },
      { kind: 'chat', changeType: 'update', chatId: 'wrChatA', updateDetail: 'add_member', joinScene: 3 },
      { kind: 'chat', changeType: 'dismiss', chatId: 'wrChatA' },
      { kind: 'tag', changeType: 'create', id: 'etTag1', tagType: 'tag' },
      { kind: 'tag', changeType: 'shuffle', id: 'etGroup1', tagType: 'tag_group', strategyId: 1 },
    ]
    for (const e of events) {
      const res = await sim.request('POST', '/simulator/api/events/other', e)
      expect(res.json.delivery).toMatchObject({ delivered: true, attempts: 1 })
    }
    const rows = await t.ctx.db.kysely
      .selectFrom('wecom_callbacks')
      .select(['event', 'change_type', 'payload'])
      .where('event', 'in', ['change_external_chat', 'change_external_tag'])
      .execute()
    expect(rows.map((r) => `${r.event}/${r.change_type}`).sort()).toEqual(
      [
        'change_external_chat/create',
        'change_external_chat/dismiss',
        'change_external_chat/update',
        'change_external_tag/create',
        'change_external_tag/shuffle',
      ].sort(),
    )
  })

  it('when two group events and two tag events come in the same second, then four callbacks are stored', async () => {
    const before = await t.ctx.db.kysely.selectFrom('wecom_callbacks').select('id').execute()
    const res = await sim.request('POST', '/simulator/api/events/burst', {
      events: [
        { kind: 'chat', changeType: 'update', chatId: 'wrBurst1', updateDetail: 'change_name' },
        { kind: 'chat', changeType: 'update', chatId: 'wrBurst2', updateDetail: 'change_name' },
        { kind: 'tag', changeType: 'update', id: 'etBurst1' },
        { kind: 'tag', changeType: 'update', id: 'etBurst2' },
      ],
    })
    expect(res.json.deliveries.every((d: { delivered: boolean }) => d.delivered)).toBe(true)
    const after = await t.ctx.db.kysely.selectFrom('wecom_callbacks').select('id').execute()
    expect(after.length - before.length).toBe(4)
  })

  it('when a callback URL is saved, then the verification GET must come back with the decrypted echostr', async () => {
    const good = await sim.request('PUT', '/simulator/api/callback-url', { url: `${t.baseUrl}/api/wecom/callback` })
    expect(good.status).toBe(200)
    expect(good.json).toMatchObject({ verified: true, callbackUrl: `${t.baseUrl}/api/wecom/callback` })
    const bad = await sim.request('PUT', '/simulator/api/callback-url', { url: `${t.baseUrl}/api/health` })
    expect(bad.status).toBe(400)
    expect((await sim.request('GET', '/simulator/api/settings')).json.callbackUrl).toBe(
      `${t.baseUrl}/api/wecom/callback`,
    )
  })

  it('when the app does not answer 200, then WeCom sends 3 times in total, each started the set spacing apart', async () => {
    await sim
      .request('PUT', '/simulator/api/callback-url', { url: `${t.baseUrl}/api/health` })
      .then((r) => expect(r.status).toBe(400))
    const target = `${t.baseUrl}/simulator/api/no-such-receiver`
    const { emitOtherEvent } = await import('../../../server/features/simulator/callback-emitter.js')
    const started = Date.now()
    const result = await emitOtherEvent(
      t.ctx,
      { kind: 'tag', changeType: 'delete', id: 'etGone', tagType: 'tag' },
      { url: target, callbackRetryDelayMs: 300, callbackTimeoutMs: 1000 },
    )
    expect(result).toEqual({ delivered: false, attempts: 3, outcomes: [404, 404, 404] })
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
  })
})

describe('OAuth and JS-SDK domain, ticket and jsApiList rules', () => {
  const authorize = (redirect: string) =>
    fetch(
      `${t.baseUrl}/simulator/oauth/authorize?` +
        new URLSearchParams({
          appid: t.ctx.config.wecom.corpId,
          redirect_uri: redirect,
          response_type: 'code',
          scope: 'snsapi_base',
          state: 's1',
        }),
      { redirect: 'manual' },
    )
  afterEach(() => sim.request('PUT', '/simulator/api/settings', { trustedDomain: null }))

  it('when the redirect_uri is on another domain, then 50001; when the trusted domain has a port or is an IP, then 80001', async () => {
    const other = await authorize('https://evil.example.com/auth/wecom/callback')
    expect(await other.text()).toContain('50001')
    for (const domain of ['advisor.bank.example:8443', '10.2.3.4']) {
      expect((await sim.request('PUT', '/simulator/api/settings', { trustedDomain: domain })).status).toBe(200)
      const res = await authorize(`http://${domain}/auth/wecom/callback`)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('80001')
    }
    await sim.request('PUT', '/simulator/api/settings', { trustedDomain: 'advisor.bank.example' })
    const onDomain = await authorize('https://advisor.bank.example/auth/wecom/callback')
    expect(onDomain.status).toBe(200)
  })

  it('when a page is signed with a revoked ticket, too long ago, or on an IP trusted domain, then agentConfig fails', async () => {
    const { jsapiSignature } = await import('../../../server/features/wecom/js-signature.js')
    const ticket = (await api.get('/ticket/get', { type: 'agent_config' })).ticket as string
    const url = `${t.baseUrl}/sidebar`
    const sign = (timestamp: number) => ({
      corpid: t.ctx.config.wecom.corpId,
      agentid: t.ctx.config.wecom.agentId,
      timestamp: String(timestamp),
      nonceStr: 'n0nce',
      signature: jsapiSignature({ ticket, nonceStr: 'n0nce', timestamp: String(timestamp), url }),
      url,
    })
    const now = T0.getTime() / 1000
    const verify = async (body: unknown) => (await sim.request('POST', '/simulator/api/js/agent-config', body)).json
    expect(await verify(sign(now))).toEqual({ err_msg: 'agentConfig:ok' })
    expect(await verify(sign(now - 7200))).toMatchObject({ err_code: 40093 })
    await sim.request('PUT', '/simulator/api/settings', { trustedDomain: '127.0.0.1' })
    expect(await verify(sign(now))).toMatchObject({ err_code: 80001 })
    await sim.request('PUT', '/simulator/api/settings', { trustedDomain: null })
    await sim.request('POST', '/simulator/api/credentials/end', { kind: 'agent_ticket', how: 'revoke' })
    expect(await verify(sign(now))).toMatchObject({ err_msg: 'agentConfig:fail_invalid signature', err_code: 40093 })
  })

  it('when WeCom is unreachable for the client, then the error is a transport error, not an API error', async () => {
    await setFault({ api: 'gettoken', kind: 'network', probability: 1 })
    await t.ctx.db.kysely.deleteFrom('kv').execute()
    const err = await noWait()
      .getFollowUserList()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WecomTransportError)
    expect(err).not.toBeInstanceOf(WecomApiError)
  })
})
