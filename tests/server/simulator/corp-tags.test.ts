import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { qyapi, staffWithCustomer } from './factories.js'

let app: TestApp
let api: ReturnType<typeof qyapi>

beforeAll(async () => {
  app = await startTestApp()
  app.setNow(new Date('2026-12-05T04:00:00Z'))
  api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
})
afterAll(() => app.close())

const list = async (body: unknown = {}) => (await api.post('/externalcontact/get_corp_tag_list', body)).tag_group
const seededTagId = async (group: string, name: string): Promise<string> =>
  (await list()).find((g: any) => g.group_name === group).tag.find((t: any) => t.name === name).id

describe('simulated corp tag catalogue', () => {
  it('when the catalogue is first read, then the bank seed comes back in WeCom shape, larger order first', async () => {
    const groups = await list()
    expect(groups.map((g: any) => g.group_name)).toEqual(['客户等级', '资产段', '兴趣偏好', '客户来源', '服务状态'])
    expect(groups[0]).toMatchObject({ group_id: expect.stringMatching(/^et/), deleted: false, order: 5 })
    expect(groups[0].tag.map((t: any) => t.name)).toEqual(['私行客户', '财富客户', '贵宾客户', '大众客户'])
    expect(groups[0].tag[0]).toMatchObject({ id: expect.stringMatching(/^et/), create_time: expect.any(Number) })
  })

  it('when group_id and tag_id are both given, then group_id decides; tag_id alone returns only those tags', async () => {
    const groups = await list()
    const gold = groups[2].tag[1]
    const byTag = await list({ tag_id: [gold.id] })
    expect(byTag).toHaveLength(1)
    expect(byTag[0].tag).toEqual([gold])
    const byGroup = await list({ tag_id: [gold.id], group_id: [groups[0].group_id] })
    expect(byGroup.map((g: any) => g.group_name)).toEqual(['客户等级'])
  })

  it('when the app adds a group, then it can rename and delete it; deleting its last tag deletes the group', async () => {
    const added = await api.post('/externalcontact/add_corp_tag', {
      group_name: '理财到期',
      order: 9,
      tag: [{ name: '一个月内' }, { name: '三个月内', order: 2 }],
    })
    expect(added).toMatchObject({ errcode: 0, tag_group: { group_name: '理财到期', order: 9 } })
    const [one, three] = added.tag_group.tag
    expect((await list())[0].group_name).toBe('理财到期')
    expect(await api.post('/externalcontact/edit_corp_tag', { id: one.id, name: '30天内' })).toMatchObject({
      errcode: 0,
    })
    expect((await list({ tag_id: [one.id] }))[0].tag[0].name).toBe('30天内')
    expect(await api.post('/externalcontact/del_corp_tag', { tag_id: [one.id, three.id] })).toMatchObject({
      errcode: 0,
    })
    expect((await list()).map((g: any) => g.group_name)).not.toContain('理财到期')
    expect((await api.post('/externalcontact/edit_corp_tag', { id: one.id, name: 'x' })).errcode).toBe(40068)
  })

  it('when the app edits or deletes a tag made in the admin console, then 48002 and nothing changes', async () => {
    const id = await seededTagId('兴趣偏好', '基金')
    expect((await api.post('/externalcontact/edit_corp_tag', { id, name: '公募基金' })).errcode).toBe(48002)
    expect((await api.post('/externalcontact/del_corp_tag', { tag_id: [id] })).errcode).toBe(48002)
    expect((await list({ tag_id: [id] }))[0].tag[0].name).toBe('基金')
  })

  it('when a name is over 30 characters or repeats one in the group, then 40058 / 40071', async () => {
    const groupId = (await list())[2].group_id
    const long = await api.post('/externalcontact/add_corp_tag', {
      group_id: groupId,
      tag: [{ name: '长'.repeat(31) }],
    })
    expect(long.errcode).toBe(40058)
    const dup = await api.post('/externalcontact/add_corp_tag', { group_id: groupId, tag: [{ name: '黄金' }] })
    expect(dup.errcode).toBe(40071)
    const sameGroupName = await api.post('/externalcontact/add_corp_tag', {
      group_name: '兴趣偏好',
      tag: [{ name: '养老' }],
    })
    expect(sameGroupName.tag_group.group_id).toBe(groupId)
  })

  it('when mark_tag adds and removes, then externalcontact/get shows the tags with their group; bad ids are refused', async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const fund = await seededTagId('兴趣偏好', '基金')
    const wealth = await seededTagId('客户等级', '财富客户')
    const ok = await api.post('/externalcontact/mark_tag', {
      userid,
      external_userid: externalUserid,
      add_tag: [fund, wealth],
    })
    expect(ok.errcode).toBe(0)
    await api.post('/externalcontact/mark_tag', { userid, external_userid: externalUserid, remove_tag: [fund] })
    const got = await api.get('/externalcontact/get', { external_userid: externalUserid })
    expect(got.follow_user[0].tags).toEqual([{ group_name: '客户等级', tag_name: '财富客户', type: 1, tag_id: wealth }])
    const bad = (body: object) =>
      api.post('/externalcontact/mark_tag', { userid, external_userid: externalUserid, ...body })
    expect((await bad({})).errcode).toBe(40058)
    expect((await bad({ add_tag: ['etNOPE'] })).errcode).toBe(40068)
    expect(
      (
        await api.post('/externalcontact/mark_tag', {
          userid: 'nobody',
          external_userid: externalUserid,
          add_tag: [fund],
        })
      ).errcode,
    ).toBe(60111)
  })
})
