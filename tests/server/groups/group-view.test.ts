import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GroupViewSchema } from '../../../server/contracts/groups.js'
import { createApp } from '../../../server/app.js'
import { listRoutes } from '../../../server/lib/route-table.js'
import { client, type TestApp } from '../support/test-app.js'
import { insertGroup } from '../simulator/group-factories.js'
import { groupWorld } from './group-world.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'

let t: TestApp
let proxy: SimulatorProxy
let world: Awaited<ReturnType<typeof groupWorld>>

beforeAll(async () => {
  ;({ t, proxy } = await startTestAppWithWecom())
  world = await groupWorld(t.ctx.db)
})
afterAll(async () => {
  await t.close()
  await proxy.close()
})
beforeEach(() => {
  proxy.state.override = undefined
})

async function as(userid: string) {
  const c = client(t.baseUrl)
  await c.request('POST', '/api/demo/login', { userid })
  return c
}
const audits = (target: string) =>
  t.ctx.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'actor_staff_id'])
    .where('target', '=', target)
    .orderBy('id')
    .execute()

describe('GET /api/groups/:chatId', () => {
  it('when the owner opens the group, then name, counts and each external member with their state for this manager', async () => {
    const me = await as(world.manager.wecom_userid)
    await me.request('POST', '/api/verifications', { externalUserId: world.externals.pending })
    const res = await me.request('GET', `/api/groups/${world.chatId}`)
    expect(res.status).toBe(200)
    expect(GroupViewSchema.parse(res.json)).toEqual(res.json)
    expect(res.json).toMatchObject({
      chatId: world.chatId,
      name: '西湖财富沙龙群',
      owner: { userid: world.manager.wecom_userid, name: '王敏' },
      viewerIsOwner: true,
      memberCount: 6,
      staffCount: 2,
      summary: { externals: 4, verified: 1, inProgress: 1 },
    })
    const rows = res
      .body(GroupViewSchema)
      .externals.map((m) => [m.name, m.verification.status, m.isMyContact, m.customer])
    expect(rows).toEqual([
      ['李华', 'verified', true, { segment: 'private' }],
      ['周杰', 'sent', true, null],
      ['陈静', 'none', true, null],
      ['刘洋', 'none', false, null],
    ])
    expect(res.json.externals[0]).toMatchObject({
      groupNickname: '小雨妈妈',
      joinScene: 1,
      joinTime: expect.stringMatching(/Z$/),
    })
    // The bound customer's segment only: nothing else from the CRM.
    expect(Object.keys(res.json.externals[0].customer)).toEqual(['segment'])
    expect(res.text).not.toContain(world.customer.cif_no)
    expect(await audits(`group:${world.chatId}`)).toContainEqual({
      action: 'group.view',
      outcome: 'allowed',
      actor_staff_id: world.manager.id,
    })
  })

  it('when a colleague who sits in the group opens it, then 200 with states as that colleague sees them', async () => {
    const res = await (await as(world.colleague.wecom_userid)).request('GET', `/api/groups/${world.chatId}`)
    expect(res.status).toBe(200)
    expect(res.json.viewerIsOwner).toBe(false)
    expect(res.body(GroupViewSchema).externals.map((m) => [m.verification.status, m.isMyContact])).toEqual([
      ['verified', false],
      ['none', false],
      ['none', false],
      ['none', false],
    ])
  })

  it('when front-office staff outside the group ask, then 403 NOT_YOUR_GROUP, audited as denied', async () => {
    const res = await (await as(world.outsider.wecom_userid)).request('GET', `/api/groups/${world.chatId}`)
    expect(res.status).toBe(403)
    expect(res.json.error).toMatchObject({ code: 'NOT_YOUR_GROUP', message: expect.stringMatching(/群主或成员/) })
    expect(await audits(`group:${world.chatId}`)).toContainEqual({
      action: 'group.view',
      outcome: 'denied',
      actor_staff_id: world.outsider.id,
    })
  })

  it('when a supervisor, middle office or nobody asks, then the policy refuses before WeCom is called', async () => {
    const before = proxy.count('/externalcontact/groupchat/get')
    for (const who of [world.supervisor, world.middle]) {
      const res = await (await as(who.wecom_userid)).request('GET', `/api/groups/${world.chatId}`)
      expect([res.status, res.json.error.code]).toEqual([403, 'FORBIDDEN'])
    }
    expect((await client(t.baseUrl).request('GET', `/api/groups/${world.chatId}`)).status).toBe(401)
    expect(proxy.count('/externalcontact/groupchat/get')).toBe(before)
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    expect(listRoutes(app).find((r) => r.path === '/api/groups/:chatId')?.policy).toEqual({
      roles: ['front'],
      scope: 'own-book',
    })
  })

  it('when the chat id is malformed, then 400 VALIDATION_FAILED; when WeCom does not know it, then 404 GROUP_NOT_FOUND', async () => {
    const me = await as(world.manager.wecom_userid)
    const bad = await me.request('GET', '/api/groups/wr%20bad!')
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
    const unknown = await me.request('GET', '/api/groups/wrNoSuchGroup01')
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'GROUP_NOT_FOUND'])
  })

  it('when WeCom answers an errcode or fails outright, then 502 WECOM_UNAVAILABLE in Chinese, never a 500, no token in the logs', async () => {
    const me = await as(world.manager.wecom_userid)
    const fresh = async () => insertGroup(t.ctx.db, world.manager.wecom_userid, [])
    proxy.state.override = (path) =>
      path === '/externalcontact/groupchat/get' ? { body: { errcode: 48002, errmsg: 'api forbidden' } } : undefined
    const denied = await me.request('GET', `/api/groups/${await fresh()}`)
    expect([denied.status, denied.json.error.code]).toEqual([502, 'WECOM_UNAVAILABLE'])
    expect(denied.json.error.message).toMatch(/企业微信/)
    proxy.state.override = (path) => (path === '/externalcontact/groupchat/get' ? { status: 500, body: {} } : undefined)
    expect((await me.request('GET', `/api/groups/${await fresh()}`)).status).toBe(502)
    proxy.state.override = (path) =>
      path === '/externalcontact/groupchat/get'
        ? { body: { errcode: 0, errmsg: 'ok', group_chat: { name: 'no id' } } }
        : undefined
    expect((await me.request('GET', `/api/groups/${await fresh()}`)).status).toBe(502)
    expect(t.logs.join('\n')).not.toMatch(/access_token=/)
  })

  it('when the group was fetched within the last minute, then WeCom is not asked again', async () => {
    const chatId = await insertGroup(t.ctx.db, world.manager.wecom_userid, [[world.externals.plain, 2]])
    const me = await as(world.manager.wecom_userid)
    const start = new Date()
    t.setNow(start)
    const calls = () => proxy.count('/externalcontact/groupchat/get')
    const before = calls()
    expect((await me.request('GET', `/api/groups/${chatId}`)).status).toBe(200)
    expect((await me.request('GET', `/api/groups/${chatId}`)).status).toBe(200)
    expect(calls()).toBe(before + 1)
    t.setNow(new Date(start.getTime() + 61_000))
    expect((await me.request('GET', `/api/groups/${chatId}`)).status).toBe(200)
    expect(calls()).toBe(before + 2)
  })
})
