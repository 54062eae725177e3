import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runJob } from '../../../server/features/process/sync/sync.service.js'
import { startMassSendWorld, type MassSendWorld } from '../support/mass-send-world.js'
import type { SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'

let t: TestApp
let proxy: SimulatorProxy
let w: MassSendWorld['w']
let reviewerUserid: string

beforeAll(async () => {
  // Alice: three private-banking customers on WeCom.
  ;({ t, proxy, w, reviewerUserid } = await startMassSendWorld(['wmMassA00001', 'wmMassB00002', 'wmMassC00003']))
  const db = t.ctx.db.kysely
  // wmMassA00001 already got November's 30 mass messages (the cap in a 30-day month).
  await db
    .insertInto('task_recipients')
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        task_id: `old-${i}`,
        staff_userid: w.alice.wecom_userid,
        external_userid: 'wmMassA00001',
        month: '2026-11',
      })),
    )
    .execute()
})
afterAll(async () => {
  await t.close()
  await proxy.close()
})

describe('mass-send tasks', () => {
  it("when a customer is at WeCom's monthly cap, then the preview warns, creation asks for confirmation, and the confirmed task leaves them out", async () => {
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: w.middle.wecom_userid })
    const body = {
      kind: 'mass_send',
      title: '四季度理财展望',
      staff: [w.alice.wecom_userid],
      startDate: '2026-11-18',
      dueDate: '2026-11-21',
      text: '四季度理财展望，欢迎咨询。',
      segments: ['private'],
    }
    const preview = await c.request('POST', '/api/tasks/preview', body)
    expect(preview.json).toEqual({
      assignees: 1,
      recipients: 3,
      optedOut: 0,
      withoutTags: 0,
      overCap: 1,
      capPerMonth: 30,
      month: '2026-11',
    })
    const refused = await c.request('POST', '/api/tasks', body)
    expect([refused.status, refused.json.error.code]).toEqual([409, 'MASS_CAP_EXCEEDED'])
    expect(refused.json.error.message).toContain('1 位客户本月群发已达上限')
    const created = await c.request('POST', '/api/tasks', { ...body, acceptCap: true })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ failures: 0, skippedOverCap: 1, status: 'pending_review' })
    const reviewer = client(t.baseUrl)
    await reviewer.request('POST', '/api/demo/login', { userid: reviewerUserid })
    expect((await reviewer.request('POST', `/api/tasks/${created.json.id}/approve`)).json).toEqual({ failures: 0 })
    const recipients = await t.ctx.db.kysely
      .selectFrom('task_recipients')
      .select('external_userid')
      .where('task_id', '=', created.json.id)
      .orderBy('external_userid')
      .execute()
    expect(recipients.map((r) => r.external_userid)).toEqual(['wmMassB00002', 'wmMassC00003'])

    const msg = await t.ctx.db.kysely
      .selectFrom('task_assignments')
      .select('wecom_ref')
      .where('task_id', '=', created.json.id)
      .executeTakeFirstOrThrow()
    expect(msg.wecom_ref).toBeTruthy()
    await fetch(`${t.baseUrl}/simulator/api/staff/${w.alice.wecom_userid}/tasks/${msg.wecom_ref}/done`, {
      method: 'POST',
    })
    expect((await runJob(t.ctx, 'tasks', 'manual')).status).toBe('succeeded')
    const detail = await c.request('GET', `/api/tasks/${created.json.id}`)
    expect(detail.json.assignments[0]).toMatchObject({
      status: 'done',
      detail: { sent: expect.any(Number), unsent: 0 },
    })
    expect(detail.json.assignments[0].detail.sent + detail.json.assignments[0].detail.alreadyReceived).toBe(2)
  })

  it('when a customer opted out of marketing, then the preview counts them apart and they are no recipient', async () => {
    const db = t.ctx.db.kysely
    await db
      .insertInto('marketing_consent')
      .values({
        external_userid: 'wmMassB00002',
        opted_out: 1,
        channel: 'content_page',
        staff_userid: null,
        at: '2026-11-17T02:00:00.000Z',
      })
      .execute()
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: w.middle.wecom_userid })
    const preview = await c.request('POST', '/api/tasks/preview', {
      kind: 'mass_send',
      title: '年末存款提示',
      staff: [w.alice.wecom_userid],
      startDate: '2026-11-18',
      dueDate: '2026-11-21',
      text: '年末存款提示，欢迎咨询。',
      segments: ['private'],
    })
    expect(preview.json).toMatchObject({ recipients: 2, optedOut: 1 })
    await db.deleteFrom('marketing_consent').where('external_userid', '=', 'wmMassB00002').execute()
  })
  it('when corp tags are selected, then only customers carrying them are recipients (any within a group, every group) and the preview counts the rest', async () => {
    const alice = client(t.baseUrl)
    await alice.request('POST', '/api/demo/login', { userid: w.alice.wecom_userid })
    const mo = client(t.baseUrl)
    await mo.request('POST', '/api/demo/login', { userid: w.middle.wecom_userid })
    expect((await mo.request('POST', '/api/console/tags/sync')).status).toBe(200)
    const groups = (await mo.request('GET', '/api/tags/catalogue')).json.groups
    const id = (group: string, name: string) =>
      groups.find((g: { name: string }) => g.name === group).tags.find((x: { name: string }) => x.name === name).id
    const [fund, gold, privateBank] = [id('兴趣偏好', '基金'), id('兴趣偏好', '黄金'), id('客户等级', '私行客户')]
    await alice.request('PUT', '/api/contacts/wmMassA00001/tags', { tagIds: [fund] })
    await alice.request('PUT', '/api/contacts/wmMassC00003/tags', { tagIds: [gold, privateBank] })
    const body = {
      kind: 'mass_send',
      title: '黄金与基金周报',
      staff: [w.alice.wecom_userid],
      startDate: '2026-11-18',
      dueDate: '2026-11-21',
      text: '黄金与基金周报，欢迎咨询。',
      segments: ['private'],
    }
    const anyInterest = await mo.request('POST', '/api/tasks/preview', { ...body, tagIds: [fund, gold] })
    expect(anyInterest.json).toMatchObject({ recipients: 2, withoutTags: 1 })
    const bothGroups = await mo.request('POST', '/api/tasks/preview', { ...body, tagIds: [gold, privateBank] })
    expect(bothGroups.json).toMatchObject({ recipients: 1, withoutTags: 2 })
    const created = await mo.request('POST', '/api/tasks', { ...body, tagIds: [gold, privateBank] })
    expect(created.status).toBe(201)
    const recipients = await t.ctx.db.kysely
      .selectFrom('task_recipients')
      .select('external_userid')
      .where('task_id', '=', created.json.id)
      .execute()
    expect(recipients.map((r) => r.external_userid)).toEqual(['wmMassC00003'])
  })
})
