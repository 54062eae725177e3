import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AddCorpTagReply, CorpTagListReply } from '../../../server/features/wecom/corp-tag-schemas.js'
import { ExternalContactReply } from '../../../server/features/wecom/wecom-schemas.js'
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

/** Every qyapi reply carries errcode; the catalogue calls answer only that when they change something. */
const Status = z.looseObject({ errcode: z.number(), errmsg: z.string() })
const post = async <S extends z.ZodType>(schema: S, path: string, body: unknown): Promise<z.output<S>> =>
  schema.parse(await api.post(path, body))
const errcodeOf = async (path: string, body: unknown) => (await post(Status, path, body)).errcode

const list = async (body: unknown = {}) =>
  (await post(CorpTagListReply, '/externalcontact/get_corp_tag_list', body)).tag_group
const named = <T>(items: T[], nameOf: (item: T) => string, name: string): T => {
  const found = items.find((item) => nameOf(item) === name)
  if (!found) throw new Error(`no ${name} among ${items.map(nameOf).join(', ')}`)
  return found
}
const seededTagId = async (group: string, name: string): Promise<string> =>
  named(named(await list(), (g) => g.group_name, group).tag, (t) => t.name, name).id

describe('simulated corp tag catalogue', () => {
  it('when the catalogue is first read, then the bank seed comes back in WeCom shape, larger order first', async () => {
    const groups = await list()
    expect(groups.map((g) => g.group_name)).toEqual(['客户等级', '资产段', '兴趣偏好', '客户来源', '服务状态'])
    expect(groups[0]).toMatchObject({ group_id: expect.stringMatching(/^et/), deleted: false, order: 5 })
    expect(groups[0]?.tag.map((t) => t.name)).toEqual(['私行客户', '财富客户', '贵宾客户', '大众客户'])
    expect(groups[0]?.tag[0]?.id).toMatch(/^et/)
    expect(groups[0]?.tag[0]?.create_time).toBeGreaterThan(0)
  })

  it('when group_id and tag_id are both given, then group_id decides; tag_id alone returns only those tags', async () => {
    const groups = await list()
    const gold = named(named(groups, (g) => g.group_name, '兴趣偏好').tag, (t) => t.name, '黄金')
    const byTag = await list({ tag_id: [gold.id] })
    expect(byTag).toHaveLength(1)
    expect(byTag[0]?.tag).toEqual([gold])
    const byGroup = await list({ tag_id: [gold.id], group_id: [groups[0]?.group_id] })
    expect(byGroup.map((g) => g.group_name)).toEqual(['客户等级'])
  })

  it('when the app adds a group, then it can rename and delete it; deleting its last tag deletes the group', async () => {
    const added = await post(AddCorpTagReply.extend(Status.shape), '/externalcontact/add_corp_tag', {
      group_name: '理财到期',
      order: 9,
      tag: [{ name: '一个月内' }, { name: '三个月内', order: 2 }],
    })
    expect(added).toMatchObject({ errcode: 0, tag_group: { group_name: '理财到期', order: 9 } })
    const [one, three] = added.tag_group.tag
    if (!one || !three) throw new Error('add_corp_tag answered without the two tags')
    expect((await list())[0]?.group_name).toBe('理财到期')
    expect(await errcodeOf('/externalcontact/edit_corp_tag', { id: one.id, name: '30天内' })).toBe(0)
    expect((await list({ tag_id: [one.id] }))[0]?.tag[0]?.name).toBe('30天内')
    expect(await errcodeOf('/externalcontact/del_corp_tag', { tag_id: [one.id, three.id] })).toBe(0)
    expect((await list()).map((g) => g.group_name)).not.toContain('理财到期')
    expect(await errcodeOf('/externalcontact/edit_corp_tag', { id: one.id, name: 'x' })).toBe(40068)
  })

  it('when the app edits or deletes a tag made in the admin console, then 48002 and nothing changes', async () => {
    const id = await seededTagId('兴趣偏好', '基金')
    expect(await errcodeOf('/externalcontact/edit_corp_tag', { id, name: '公募基金' })).toBe(48002)
    expect(await errcodeOf('/externalcontact/del_corp_tag', { tag_id: [id] })).toBe(48002)
    expect((await list({ tag_id: [id] }))[0]?.tag[0]?.name).toBe('基金')
  })

  it('when a name is over 30 characters or repeats one in the group, then 40058 / 40071; a known group name adds to that group', async () => {
    const groupId = named(await list(), (g) => g.group_name, '兴趣偏好').group_id
    const long = await errcodeOf('/externalcontact/add_corp_tag', {
      group_id: groupId,
      tag: [{ name: '长'.repeat(31) }],
    })
    expect(long).toBe(40058)
    expect(await errcodeOf('/externalcontact/add_corp_tag', { group_id: groupId, tag: [{ name: '黄金' }] })).toBe(40071)
    const sameGroupName = await post(AddCorpTagReply, '/externalcontact/add_corp_tag', {
      group_name: '兴趣偏好',
      tag: [{ name: '养老' }],
    })
    expect(sameGroupName.tag_group.group_id).toBe(groupId)
  })

  it('when mark_tag adds and removes, then externalcontact/get shows the tags with their group; bad ids are refused', async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const fund = await seededTagId('兴趣偏好', '基金')
    const wealth = await seededTagId('客户等级', '财富客户')
    const mark = (body: object) =>
      errcodeOf('/externalcontact/mark_tag', { userid, external_userid: externalUserid, ...body })
    expect(await mark({ add_tag: [fund, wealth] })).toBe(0)
    expect(await mark({ remove_tag: [fund] })).toBe(0)
    const got = ExternalContactReply.parse(await api.get('/externalcontact/get', { external_userid: externalUserid }))
    expect(got.follow_user[0]?.tags).toEqual([
      { group_name: '客户等级', tag_name: '财富客户', type: 1, tag_id: wealth },
    ])
    expect(await mark({})).toBe(40058)
    expect(await mark({ add_tag: ['etNOPE'] })).toBe(40068)
    expect(await mark({ userid: 'nobody', add_tag: [fund] })).toBe(60111)
  })
})
