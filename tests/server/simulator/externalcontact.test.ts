import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BehaviorDataReply, ExternalContactReply } from '../../../server/features/wecom/wecom-schemas.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { insertFollow, insertPerson, insertStaff, qyapi, staffWithCustomer } from './factories.js'

let app: TestApp
let api: ReturnType<typeof qyapi>
const now = new Date('2025-03-20T04:00:00Z')
const day = 86_400
// 2025-03-10 00:00 China time
const march10 = Date.UTC(2025, 2, 9, 16) / 1000

beforeAll(async () => {
  app = await startTestApp()
  app.setNow(now)
  api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
})
afterAll(() => app.close())

describe('simulated externalcontact reads', () => {
  it("when the customer exists, then get returns WeCom's shapes with every live follower", async () => {
    const tags = [
      { group_name: '客户等级', tag_name: '金卡', type: 1, tag_id: 'etTag1' },
      { group_name: '', tag_name: '爱钓鱼', type: 2 },
    ]
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db, { state: 'qr-branch1', tags })
    const other = await insertStaff(app.ctx.db)
    await insertFollow(app.ctx.db, other, externalUserid, { createtime: 1_700_000_100, deletedByCustomer: true })
    const res = await api.get('/externalcontact/get', { external_userid: externalUserid })
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', next_cursor: '' })
    expect(res.external_contact).toMatchObject({
      external_userid: externalUserid,
      type: 1,
      gender: 2,
      unionid: expect.any(String),
      avatar: expect.any(String),
    })
    expect(res.external_contact.corp_name).toBeUndefined()
    // A customer-side delete keeps the relation in WeCom.
    expect(ExternalContactReply.parse(res).follow_user.map((f) => f.userid)).toEqual([userid, other])
    expect(res.follow_user[0]).toEqual({
      userid,
      remark: '老客户',
      description: '',
      createtime: 1_700_000_000,
      tags,
      remark_corp_name: '',
      remark_mobiles: [],
      add_way: 1,
      oper_userid: externalUserid,
      state: 'qr-branch1',
    })
  })

  it('when the only member deleted the customer, then 84061; when the id is unknown, then 40096', async () => {
    const { externalUserid } = await staffWithCustomer(app.ctx.db, { deletedByMember: true })
    expect(await api.get('/externalcontact/get', { external_userid: externalUserid })).toMatchObject({ errcode: 84061 })
    expect(await api.get('/externalcontact/get', { external_userid: 'wmNoSuchPerson' })).toMatchObject({
      errcode: 40096,
    })
  })

  it("when listing a member's customers, then live ones only; unknown member 60111", async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const gone = await insertPerson(app.ctx.db)
    await insertFollow(app.ctx.db, userid, gone, { deletedByMember: true })
    expect(await api.get('/externalcontact/list', { userid })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      external_userid: [externalUserid],
    })
    expect(await api.get('/externalcontact/list', { userid: 'nobody' })).toMatchObject({ errcode: 60111 })
    const follow = await api.get('/externalcontact/get_follow_user_list')
    expect(follow.follow_user).toContain(userid)
  })

  it('when batch-reading by member with a small limit, then pages chain through next_cursor', async () => {
    const userid = await insertStaff(app.ctx.db)
    for (let i = 0; i < 3; i++)
      await insertFollow(app.ctx.db, userid, await insertPerson(app.ctx.db), { createtime: 1_700_000_000 + i })
    const first = await api.post('/externalcontact/batch/get_by_user', { userid_list: [userid], limit: 2 })
    expect(first.external_contact_list).toHaveLength(2)
    expect(first.external_contact_list[0].follow_info).toMatchObject({ userid, tag_id: [], add_way: 1 })
    const second = await api.post('/externalcontact/batch/get_by_user', {
      userid_list: [userid],
      limit: 2,
      cursor: first.next_cursor,
    })
    expect(second.external_contact_list).toHaveLength(1)
    expect(second.next_cursor).toBe('')
    expect((await api.post('/externalcontact/batch/get_by_user', { userid_list: [] })).errcode).toBe(40058)
  })
})

describe('simulated get_user_behavior_data', () => {
  it('when the request is valid, then one entry per day, deterministic, reply fields only with chats', async () => {
    const userid = await insertStaff(app.ctx.db)
    const body = { userid: [userid], start_time: march10, end_time: march10 + 6 * day }
    const a = await api.post('/externalcontact/get_user_behavior_data', body)
    expect(a.errcode).toBe(0)
    expect(BehaviorDataReply.parse(a).behavior_data.map((d) => d.stat_time)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => march10 + i * day),
    )
    for (const d of a.behavior_data) {
      expect(d).toMatchObject({
        new_apply_cnt: expect.any(Number),
        chat_cnt: expect.any(Number),
        message_cnt: expect.any(Number),
        negative_feedback_cnt: expect.any(Number),
      })
      expect(d.reply_percentage === undefined).toBe(d.chat_cnt === 0)
    }
    expect(await api.post('/externalcontact/get_user_behavior_data', body)).toEqual(a)
  })

  it("when the input breaks WeCom's rules, then the WeCom errcodes", async () => {
    const userid = await insertStaff(app.ctx.db)
    const call = (b: unknown) => api.post('/externalcontact/get_user_behavior_data', b)
    expect((await call({ start_time: march10, end_time: march10 })).errcode).toBe(40058)
    expect((await call({ userid: [userid], start_time: march10 - 40 * day, end_time: march10 })).errcode).toBe(40058)
    expect(
      (await call({ userid: [userid], start_time: march10 - 200 * day, end_time: march10 - 190 * day })).errcode,
    ).toBe(40058)
    expect(
      (await call({ userid: Array.from({ length: 101 }, (_, i) => `u${i}`), start_time: march10, end_time: march10 }))
        .errcode,
    ).toBe(40058)
    expect((await call({ userid: ['ghost'], start_time: march10, end_time: march10 })).errcode).toBe(60111)
    expect((await call({ userid: [userid], start_time: 'yesterday' })).errcode).toBe(40058)
  })
})
