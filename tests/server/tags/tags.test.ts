import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { tagsOfRelation } from '../../../server/features/tags/tags.repository.js'
import { processPendingCallbacks } from '../../../server/features/wecom/callback-processor.js'
import { importRelations } from '../../../server/features/wecom/import/relation-import.service.js'
import { FollowTag } from '../../../server/features/wecom/wecom-schemas.js'
import { ContactTagsSchema, TagCatalogueSchema, type CorpTagGroup } from '../../../server/contracts/tags.js'
import { insertBranch, insertContact, insertStaff } from '../support/factories.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'
import { storeCallback } from '../wecom/callback-delivery.js'

let t: TestApp
let proxy: SimulatorProxy
const db = () => t.ctx.db.kysely

beforeAll(async () => {
  ;({ t, proxy } = await startTestAppWithWecom())
})
afterAll(async () => {
  await t.close()
  await proxy.close()
})

async function as(userid: string) {
  const c = client(t.baseUrl)
  await c.request('POST', '/api/demo/login', { userid })
  return c
}

/** A manager with a customer known to both the app and the simulated WeCom, a colleague, and the middle office. */
async function bank() {
  const branch = await insertBranch(db(), { name: '杭州分行', level: 'branch' })
  const manager = await insertStaff(db(), branch.id, 'front', { name: '王敏' })
  const colleague = await insertStaff(db(), branch.id, 'front', { name: '赵强' })
  const middle = await insertStaff(db(), branch.id, 'middle', { name: '吴中台' })
  const contact = await insertContact(db(), manager.wecom_userid!)
  await db()
    .insertInto('sim_people')
    .values({
      external_userid: contact.external_userid,
      name: contact.name,
      phone: '13900000000',
      gender: 1,
      type: 1,
      corp_name: null,
      avatar: '',
      unionid: null,
      province: '浙江',
    })
    .execute()
  await db()
    .insertInto('sim_follows')
    .values({
      userid: manager.wecom_userid!,
      external_userid: contact.external_userid,
      remark: '',
      description: '',
      createtime: 1_790_000_000,
      add_way: 1,
      oper_userid: manager.wecom_userid!,
      state: null,
      tags: JSON.stringify([{ group_name: '', tag_name: '爱钓鱼', type: 2 }]),
      deleted_by_member: 0,
      deleted_by_customer: 0,
    })
    .execute()
  const mo = await as(middle.wecom_userid!)
  expect((await mo.request('POST', '/api/console/tags/sync')).status).toBe(200)
  return {
    manager,
    contact,
    me: await as(manager.wecom_userid!),
    other: await as(colleague.wecom_userid!),
    mo,
  }
}

const named = <T extends { name: string }>(items: T[], name: string): T => {
  const found = items.find((item) => item.name === name)
  if (!found) throw new Error(`no ${name} among ${items.map((item) => item.name).join(', ')}`)
  return found
}
const tagId = async (c: ReturnType<typeof client>, group: string, name: string): Promise<string> => {
  const cat = (await c.request('GET', '/api/tags/catalogue')).body(TagCatalogueSchema)
  return named(named(cat.groups, group).tags, name).id
}
const groupOf = (groups: CorpTagGroup[], groupId: string) => groups.find((g) => g.groupId === groupId)
/** The manager's tags on the customer as the simulated WeCom stores them. */
const simTags = async (userid: string, ext: string) =>
  z
    .array(FollowTag)
    .parse(
      JSON.parse(
        (
          await db()
            .selectFrom('sim_follows')
            .select('tags')
            .where('userid', '=', userid)
            .where('external_userid', '=', ext)
            .executeTakeFirstOrThrow()
        ).tags,
      ),
    )

describe('corp tag catalogue', () => {
  it('when the middle office syncs, then a manager reads the catalogue in WeCom order with the sync time', async () => {
    const syncedAt = new Date(Date.now() - 60_000)
    t.setNow(syncedAt)
    const b = await bank()
    t.setNow(undefined)
    const res = await b.me.request('GET', '/api/tags/catalogue')
    expect(res.status).toBe(200)
    const cat = res.body(TagCatalogueSchema)
    expect(cat.groups.map((g) => g.name)).toEqual(['客户等级', '资产段', '兴趣偏好', '客户来源', '服务状态'])
    expect(cat.groups[2]?.tags.map((x) => x.name)).toEqual(['基金', '黄金', '外汇', '保险', '理财', '存款'])
    expect(cat.syncedAt).toBe(syncedAt.toISOString())
  })

  it('when a change_external_tag callback arrives, then the catalogue is read again from WeCom', async () => {
    await bank()
    await db()
      .insertInto('sim_corp_tag_groups')
      .values({
        group_id: 'etCbGroup1',
        group_name: '回调新增',
        order: 0,
        create_time: 1,
        deleted: 0,
        created_by_app: 0,
      })
      .execute()
    await db()
      .insertInto('sim_corp_tags')
      .values({
        id: 'etCbTag1',
        group_id: 'etCbGroup1',
        name: '新标签',
        order: 0,
        create_time: 1,
        deleted: 0,
        created_by_app: 0,
      })
      .execute()
    const xml = `<xml><ToUserName><![CDATA[${t.ctx.config.wecom.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1790000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[etCbTag1]]></Id><TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType></xml>`
    await storeCallback(db(), xml)
    await processPendingCallbacks(t.ctx)
    const row = await db()
      .selectFrom('corp_tags')
      .select(['name', 'deleted'])
      .where('tag_id', '=', 'etCbTag1')
      .executeTakeFirst()
    expect(row).toEqual({ name: '新标签', deleted: 0 })
    const pending = await db().selectFrom('wecom_callbacks').select('id').where('processed_at', 'is', null).execute()
    expect(pending).toEqual([])
  })

  it('when a front-office manager tries to change the catalogue, then 403 and WeCom is not called', async () => {
    const b = await bank()
    const before = proxy.count('/externalcontact/add_corp_tag')
    const res = await b.me.request('POST', '/api/console/tags/groups', { name: '越权', tags: ['x'] })
    expect([res.status, res.error().code]).toEqual([403, 'FORBIDDEN'])
    expect(proxy.count('/externalcontact/add_corp_tag')).toBe(before)
  })

  it('when the middle office creates, renames and deletes its own group, then WeCom and the mirror follow, audited', async () => {
    const b = await bank()
    const created = await b.mo.request('POST', '/api/console/tags/groups', {
      name: '理财到期',
      tags: ['一个月内', '三个月内'],
    })
    expect(created.status).toBe(201)
    const group = named(created.body(TagCatalogueSchema).groups, '理财到期')
    // Sorted: both tags have WeCom order 0, and the mirror breaks that tie by tag id, not by creation time.
    expect(group.tags.map((x) => x.name).sort()).toEqual(['一个月内', '三个月内'].sort())
    const renamed = await b.mo.request('PATCH', `/api/console/tags/${group.tags[0]?.id}`, { name: '30天内' })
    expect(groupOf(renamed.body(TagCatalogueSchema).groups, group.groupId)?.tags[0]?.name).toBe('30天内')
    const deleted = await b.mo.request('DELETE', `/api/console/tags/groups/${group.groupId}`)
    expect(groupOf(deleted.body(TagCatalogueSchema).groups, group.groupId)).toBeUndefined()
    const mirrored = await db()
      .selectFrom('corp_tags')
      .select('deleted')
      .where('group_id', '=', group.groupId)
      .execute()
    expect(mirrored).toEqual([{ deleted: 1 }, { deleted: 1 }])
    const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'tags.%').execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['tags.create-group', 'tags.rename', 'tags.delete-group']),
    )
  })

  it('when the middle office renames a tag made in the WeCom admin console, then 403 TAG_NOT_EDITABLE says where to do it', async () => {
    const b = await bank()
    const fund = await tagId(b.mo, '兴趣偏好', '基金')
    const res = await b.mo.request('PATCH', `/api/console/tags/${fund}`, { name: '公募基金' })
    expect([res.status, res.error().code]).toEqual([403, 'TAG_NOT_EDITABLE'])
    expect(res.error().message).toContain('企业微信管理后台')
    expect(await tagId(b.mo, '兴趣偏好', '基金')).toBe(fund)
    const denied = await db()
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'tags.rename')
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
  })

  it('when a name is longer than 30 characters, then 400 VALIDATION_FAILED and WeCom is not called', async () => {
    const b = await bank()
    const before = proxy.count('/externalcontact/add_corp_tag')
    const res = await b.mo.request('POST', '/api/console/tags/groups', { name: '长'.repeat(31), tags: ['a'] })
    expect([res.status, res.error().code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(proxy.count('/externalcontact/add_corp_tag')).toBe(before)
  })
})

describe("a manager's tags on their customer", () => {
  it('when the manager sets tags, then mark_tag changes their own relation in WeCom, the sidebar reads them back, audited', async () => {
    const b = await bank()
    const fund = await tagId(b.me, '兴趣偏好', '基金')
    const wealth = await tagId(b.me, '客户等级', '财富客户')
    const path = `/api/contacts/${b.contact.external_userid}/tags`
    const set = await b.me.request('PUT', path, { tagIds: [fund, wealth] })
    expect(set.status).toBe(200)
    expect(set.body(ContactTagsSchema).tags.map((x) => `${x.groupName}/${x.name}`)).toEqual([
      '客户等级/财富客户',
      '兴趣偏好/基金',
    ])
    const inWecom = await simTags(b.manager.wecom_userid!, b.contact.external_userid)
    expect(inWecom.map((x) => x.tag_name).sort()).toEqual(['爱钓鱼', '基金', '财富客户'].sort())
    const removed = await b.me.request('PUT', path, { tagIds: [wealth] })
    expect(removed.body(ContactTagsSchema).tags.map((x) => x.name)).toEqual(['财富客户'])
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'tags.mark')
      .where('target', '=', `contact:${b.contact.external_userid}`)
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('when WeCom changed the tags elsewhere, then the sidebar shows what WeCom says now', async () => {
    const b = await bank()
    const gold = await tagId(b.me, '兴趣偏好', '黄金')
    await db()
      .updateTable('sim_follows')
      .set({ tags: JSON.stringify([{ group_name: '兴趣偏好', tag_name: '黄金', type: 1, tag_id: gold }]) })
      .where('external_userid', '=', b.contact.external_userid)
      .execute()
    const res = await b.me.request('GET', `/api/contacts/${b.contact.external_userid}/tags`)
    expect(res.body(ContactTagsSchema)).toEqual({
      tags: [{ id: gold, name: '黄金', groupName: '兴趣偏好' }],
      fresh: true,
    })
  })

  it('when a colleague tags a customer who is not their contact, then 403 NOT_YOUR_CONTACT and WeCom is untouched', async () => {
    const b = await bank()
    const fund = await tagId(b.me, '兴趣偏好', '基金')
    const before = await simTags(b.manager.wecom_userid!, b.contact.external_userid)
    const res = await b.other.request('PUT', `/api/contacts/${b.contact.external_userid}/tags`, { tagIds: [fund] })
    expect([res.status, res.error().code]).toEqual([403, 'NOT_YOUR_CONTACT'])
    expect((await b.other.request('GET', `/api/contacts/${b.contact.external_userid}/tags`)).status).toBe(403)
    expect(await simTags(b.manager.wecom_userid!, b.contact.external_userid)).toEqual(before)
  })

  it('when a tag id is unknown, then 404 TAG_NOT_FOUND and nothing is marked', async () => {
    const b = await bank()
    const before = proxy.count('/externalcontact/mark_tag')
    const res = await b.me.request('PUT', `/api/contacts/${b.contact.external_userid}/tags`, {
      tagIds: ['etNoSuchTag'],
    })
    expect([res.status, res.error().code]).toEqual([404, 'TAG_NOT_FOUND'])
    expect(proxy.count('/externalcontact/mark_tag')).toBe(before)
  })
})

describe('the tags WeCom lists for relations the app did not tag itself', () => {
  const storedTags = async (userid: string, ext: string) =>
    (await tagsOfRelation(db(), userid, ext)).map((tag) => tag.name).sort()
  const setSimTags = (ext: string, tags: object[]) =>
    db()
      .updateTable('sim_follows')
      .set({ tags: JSON.stringify(tags) })
      .where('external_userid', '=', ext)
      .execute()
  const personal = { group_name: '', tag_name: '爱钓鱼', type: 2 }

  it('when the relation import reads existing customers, then their corp tags are stored (personal tags are not), and a later pass drops a tag removed in WeCom without rewriting the others', async () => {
    const b = await bank()
    const gold = await tagId(b.me, '兴趣偏好', '黄金')
    const fund = await tagId(b.me, '兴趣偏好', '基金')
    const ext = b.contact.external_userid
    await setSimTags(ext, [
      { group_name: '兴趣偏好', tag_name: '黄金', type: 1, tag_id: gold },
      { group_name: '兴趣偏好', tag_name: '基金', type: 1, tag_id: fund },
      personal,
    ])
    await importRelations(t.ctx)
    expect(await storedTags(b.manager.wecom_userid!, ext)).toEqual(['基金', '黄金'])
    const fundRow = () =>
      db()
        .selectFrom('contact_tags')
        .select('updated_at')
        .where('external_userid', '=', ext)
        .where('tag_id', '=', fund)
        .executeTakeFirstOrThrow()
    const before = await fundRow()
    await setSimTags(ext, [{ group_name: '兴趣偏好', tag_name: '基金', type: 1, tag_id: fund }, personal])
    await importRelations(t.ctx)
    expect(await storedTags(b.manager.wecom_userid!, ext)).toEqual(['基金'])
    expect(await fundRow()).toEqual(before) // unchanged rows are not rewritten
  })

  it('when an edit_external_contact callback follows a tag change in WeCom, then the stored tags follow it', async () => {
    const b = await bank()
    const gold = await tagId(b.me, '兴趣偏好', '黄金')
    const ext = b.contact.external_userid
    await setSimTags(ext, [{ group_name: '兴趣偏好', tag_name: '黄金', type: 1, tag_id: gold }, personal])
    const xml = `<xml><ToUserName><![CDATA[${t.ctx.config.wecom.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1790000100</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[edit_external_contact]]></ChangeType><UserID><![CDATA[${b.manager.wecom_userid}]]></UserID><ExternalUserID><![CDATA[${ext}]]></ExternalUserID></xml>`
    await storeCallback(db(), xml)
    await processPendingCallbacks(t.ctx)
    expect(await storedTags(b.manager.wecom_userid!, ext)).toEqual(['黄金'])
  })
})
