import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GroupChatReply } from '../../../server/features/wecom/wecom-schemas.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { insertPerson, insertStaff, qyapi } from './factories.js'
import { insertGroup } from './group-factories.js'

let app: TestApp
let api: ReturnType<typeof qyapi>

beforeAll(async () => {
  app = await startTestApp()
  api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
})
afterAll(() => app.close())

describe('simulated groupchat/get', () => {
  it("when the group exists, then WeCom's shape with members in join order, names only with need_name", async () => {
    const owner = await insertStaff(app.ctx.db, { name: '王敏' })
    const colleague = await insertStaff(app.ctx.db, { name: '赵强' })
    const wechat = await insertPerson(app.ctx.db, { name: '李华' })
    const scanned = await insertPerson(app.ctx.db, { name: '周杰' })
    const chatId = await insertGroup(
      app.ctx.db,
      owner,
      [
        [wechat, 2],
        [scanned, 2],
        [colleague, 1],
      ],
      { name: '西湖财富沙龙群', createTime: 1_700_000_000 },
    )
    const res = await api.post('/externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 })
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok' })
    expect(res.group_chat).toMatchObject({
      chat_id: chatId,
      name: '西湖财富沙龙群',
      owner,
      create_time: 1_700_000_000,
      notice: '群公告',
      admin_list: [],
    })
    expect(res.group_chat.member_list).toEqual([
      { userid: owner, type: 1, join_time: 1_700_000_000, join_scene: 1, group_nickname: '', name: '王敏' },
      {
        userid: wechat,
        type: 2,
        join_time: 1_700_000_060,
        join_scene: 1,
        invitor: { userid: owner },
        group_nickname: '小雨妈妈',
        name: '李华',
        unionid: expect.stringMatching(/^oUnion/),
      },
      {
        userid: scanned,
        type: 2,
        join_time: 1_700_000_120,
        join_scene: 3,
        group_nickname: '',
        name: '周杰',
        unionid: expect.any(String),
      },
      {
        userid: colleague,
        type: 1,
        join_time: 1_700_000_180,
        join_scene: 1,
        invitor: { userid: owner },
        group_nickname: '',
        name: '赵强',
      },
    ])
    const nameless = GroupChatReply.parse(await api.post('/externalcontact/groupchat/get', { chat_id: chatId }))
    expect(nameless.group_chat.member_list.map((m) => m.name)).toEqual(Array(4).fill(undefined))
  })

  it('when the chat_id is unknown, then 40050; when missing or malformed, then 40058', async () => {
    expect(await api.post('/externalcontact/groupchat/get', { chat_id: 'wrNoSuchGroup' })).toEqual({
      errcode: 40050,
      errmsg: 'chatid not found',
    })
    expect((await api.post('/externalcontact/groupchat/get', {})).errcode).toBe(40058)
    expect((await api.post('/externalcontact/groupchat/get', { chat_id: 'wrX', need_name: 2 })).errcode).toBe(40058)
  })

  it('when called without an access_token, then 41001', async () => {
    const res = await fetch(api.url('/externalcontact/groupchat/get'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id":"wrX"}',
    })
    expect((await res.json()).errcode).toBe(41001)
  })
})

describe('simulated groupchat/list', () => {
  it('when filtering by owner with a small limit, then pages chain through next_cursor, newest first', async () => {
    const owner = await insertStaff(app.ctx.db)
    const ids = [
      await insertGroup(app.ctx.db, owner, [], { createTime: 1_600_000_000 }),
      await insertGroup(app.ctx.db, owner, [], { createTime: 1_600_000_300 }),
      await insertGroup(app.ctx.db, owner, [], { createTime: 1_600_000_200, status: 1 }),
    ]
    await insertGroup(app.ctx.db, await insertStaff(app.ctx.db), [])
    const body = { owner_filter: { userid_list: [owner] }, limit: 2 }
    const first = await api.post('/externalcontact/groupchat/list', body)
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok' })
    expect(first.group_chat_list).toEqual([
      { chat_id: ids[1], status: 0 },
      { chat_id: ids[2], status: 1 },
    ])
    const second = await api.post('/externalcontact/groupchat/list', { ...body, cursor: first.next_cursor })
    expect(second).toEqual({
      errcode: 0,
      errmsg: 'ok',
      group_chat_list: [{ chat_id: ids[0], status: 0 }],
      next_cursor: '',
    })
    const pending = await api.post('/externalcontact/groupchat/list', { ...body, status_filter: 1 })
    expect(pending.group_chat_list).toEqual([{ chat_id: ids[2], status: 1 }])
  })

  it("when limit or filters break WeCom's rules, then 40058", async () => {
    const call = (b: unknown) => api.post('/externalcontact/groupchat/list', b)
    expect((await call({})).errcode).toBe(40058)
    expect((await call({ limit: 1001 })).errcode).toBe(40058)
    expect((await call({ limit: 0 })).errcode).toBe(40058)
    expect((await call({ limit: 10, status_filter: 4 })).errcode).toBe(40058)
    expect(
      (await call({ limit: 10, owner_filter: { userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`) } }))
        .errcode,
    ).toBe(40058)
    expect((await call({ limit: 10, cursor: 'forged' })).errcode).toBe(40058)
  })
})

describe("desktop helper: a member's groups", () => {
  it('when a member owns one group and sits in another, then both are listed with their size', async () => {
    const me = await insertStaff(app.ctx.db)
    const other = await insertStaff(app.ctx.db)
    const owned = await insertGroup(app.ctx.db, me, [[await insertPerson(app.ctx.db), 2]], {
      createTime: 1_650_000_000,
    })
    const joined = await insertGroup(
      app.ctx.db,
      other,
      [
        [me, 1],
        [await insertPerson(app.ctx.db), 2],
      ],
      { createTime: 1_640_000_000 },
    )
    await insertGroup(app.ctx.db, other, [])
    const res = await client(app.baseUrl).request('GET', `/simulator/api/staff/${me}/groups`)
    expect(res.status).toBe(200)
    expect(res.json.groups).toEqual([
      { chatId: owned, name: expect.any(String), owner: me, isOwner: true, memberCount: 2, createTime: 1_650_000_000 },
      {
        chatId: joined,
        name: expect.any(String),
        owner: other,
        isOwner: false,
        memberCount: 3,
        createTime: 1_640_000_000,
      },
    ])
    expect((await client(app.baseUrl).request('GET', '/simulator/api/staff/nobody/groups')).status).toBe(404)
  })
})
