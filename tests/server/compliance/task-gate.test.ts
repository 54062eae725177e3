import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertStaff } from '../support/factories.js'
import { startMassSendWorld, type MassSendWorld } from '../support/mass-send-world.js'
import type { SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'

let t: TestApp
let proxy: SimulatorProxy
let w: MassSendWorld['w']
let reviewerUserid: string
let plainMiddleUserid: string
const EXT = 'wmGateA00001'

beforeAll(async () => {
  ;({ t, proxy, w, reviewerUserid } = await startMassSendWorld([EXT]))
  plainMiddleUserid = (await insertStaff(t.ctx.db.kysely, w.head.id, 'middle', { name: '中台同事' })).wecom_userid
})
afterAll(async () => {
  await t.close()
  await proxy.close()
})

const as = async (userid: string) => {
  const c = client(t.baseUrl)
  await c.request('POST', '/api/demo/login', { userid })
  return c
}
const simBodies = async () =>
  (await t.ctx.db.kysely.selectFrom('sim_tasks').select('body').execute()).map((r) => r.body).join('\n')
const massSend = (text: string) => ({
  kind: 'mass_send',
  title: '理财新品推介',
  staff: [w.alice.wecom_userid],
  startDate: '2026-11-18',
  dueDate: '2026-11-21',
  text,
  segments: ['private'],
})

describe('mass-send and moment tasks behind the compliance gate', () => {
  it('when a mass send carries an evasive prohibited claim, then it is refused with findings, recorded, and never reaches WeCom', async () => {
    const middle = await as(w.middle.wecom_userid)
    const evasive = '本行新品理财保 本 保\u200b息，穩賺不賠，零-风-险！收益率保证８％'
    const res = await middle.request('POST', '/api/tasks', massSend(evasive))
    expect([res.status, res.json.error.code]).toEqual([422, 'COMPLIANCE_BLOCKED'])
    const categories = res.json.error.details.findings.map((f: { category: string }) => f.category)
    expect(categories).toEqual(expect.arrayContaining(['principal_safety', 'guaranteed_yield']))
    expect(res.json.error.details.lexiconVersion).toMatch(/^r\d+\.\d+$/)
    expect(await t.ctx.db.kysely.selectFrom('tasks').select('id').execute()).toEqual([])
    expect(await simBodies()).not.toContain('保')
    const audit = await t.ctx.db.kysely
      .selectFrom('compliance_checks')
      .selectAll()
      .where('path', '=', 'task.create')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ staff_id: w.middle.id, blocked: 1, lexicon_version: 'r2.0' })
    expect(audit.text).toContain(evasive)
  })

  it('when a moment in traditional characters promises a state guarantee, then it is refused', async () => {
    const middle = await as(w.middle.wecom_userid)
    const res = await middle.request('POST', '/api/tasks', {
      kind: 'moment',
      title: '朋友圈文案',
      branches: [w.west.id],
      startDate: '2026-11-18',
      dueDate: '2026-11-20',
      text: '國家擔保，本金無憂，比存款還安全',
    })
    expect([res.status, res.json.error.code]).toEqual([422, 'COMPLIANCE_BLOCKED'])
    expect(await simBodies()).not.toContain('担保')
  })

  it('when compliant free text is created, then it waits for a second person; only after their approval does it reach WeCom, with its 风险提示', async () => {
    const middle = await as(w.middle.wecom_userid)
    const created = await middle.request('POST', '/api/tasks', massSend('四季度理财展望已发布，欢迎咨询。'))
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ status: 'pending_review', failures: 0 })
    expect(await simBodies()).not.toContain('四季度理财展望')

    const self = await middle.request('POST', `/api/tasks/${created.json.id}/approve`)
    expect([self.status, self.json.error.code]).toEqual([403, 'NOT_REVIEWER'])
    const plain = await (await as(plainMiddleUserid)).request('POST', `/api/tasks/${created.json.id}/approve`)
    expect([plain.status, plain.json.error.code]).toEqual([403, 'NOT_REVIEWER'])
    expect(await simBodies()).not.toContain('四季度理财展望')

    const reviewer = await as(reviewerUserid)
    const detail = await reviewer.request('GET', `/api/tasks/${created.json.id}`)
    expect(detail.json).toMatchObject({ status: 'pending_review', review: { findings: [], reviewedBy: null } })
    expect(detail.json.payload.text).toBe(
      '四季度理财展望已发布，欢迎咨询。\n风险提示：理财非存款、产品有风险、投资须谨慎。',
    )
    expect((await reviewer.request('POST', `/api/tasks/${created.json.id}/approve`)).json).toEqual({ failures: 0 })
    expect(await simBodies()).toContain('四季度理财展望已发布，欢迎咨询。\\n风险提示：理财非存款')
    const task = await t.ctx.db.kysely
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow()
    expect(task).toMatchObject({ status: 'active', reviewed_by: reviewerUserid })
    const again = await reviewer.request('POST', `/api/tasks/${created.json.id}/approve`)
    expect([again.status, again.json.error.code]).toEqual([409, 'NOT_PENDING_REVIEW'])
  })

  it('when the author reviews their own task, then 403 SELF_APPROVAL; a rejected task never reaches WeCom', async () => {
    const author = await as(reviewerUserid)
    const created = await author.request('POST', '/api/tasks', massSend('本周网点营业时间调整通知。'))
    expect(created.json.status).toBe('pending_review')
    const self = await author.request('POST', `/api/tasks/${created.json.id}/approve`)
    expect([self.status, self.json.error.code]).toEqual([403, 'SELF_APPROVAL'])
    const db = t.ctx.db.kysely
    await db.updateTable('staff').set({ reviewer: 1 }).where('wecom_userid', '=', plainMiddleUserid).execute()
    const other = await as(plainMiddleUserid)
    expect((await other.request('POST', `/api/tasks/${created.json.id}/reject`, { reason: '文案需补充' })).status).toBe(
      204,
    )
    expect(await simBodies()).not.toContain('营业时间调整')
  })
})

describe('a task that carries an approved library item', () => {
  it('when the item is approved and live and its copy is unchanged, then it goes to WeCom at once with the item’s 风险提示; an edited copy waits for review', async () => {
    const db = t.ctx.db.kysely
    const at = '2026-11-10T00:00:00.000Z'
    const { id } = await db
      .insertInto('content_items')
      .values({
        kind: 'moment',
        title: '黄金周评',
        body: '本周金价区间震荡，欢迎了解积存金。',
        link: null,
        topic: 'gold',
        segments: '[]',
        min_risk_level: null,
        disclaimer: '贵金属价格波动较大，投资有风险。',
        tags: '[]',
        chart_symbol: null,
        chart_window_days: null,
        image_base64: null,
        image_mime: null,
        status: 'approved',
        author_staff_id: w.middle.id,
        reviewer_staff_id: w.middle.id,
        submitted_at: at,
        approved_at: at,
        approval_no: 'ZT-2026-900001',
        valid_from: at,
        valid_until: '2026-12-31T00:00:00.000Z',
        version: 1,
        root_id: null,
        rejection_reason: null,
        retired_at: null,
        retired_reason: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const middle = await as(w.middle.wecom_userid)
    const base = {
      kind: 'moment',
      title: '黄金周评',
      branches: [w.west.id],
      startDate: '2026-11-18',
      dueDate: '2026-11-20',
    }
    const direct = await middle.request('POST', '/api/tasks', { ...base, itemId: Number(id) })
    expect(direct.json).toMatchObject({ status: 'active', failures: 0 })
    expect(await simBodies()).toContain('本周金价区间震荡，欢迎了解积存金。\\n风险提示：贵金属价格波动较大')
    const edited = await middle.request('POST', '/api/tasks', {
      ...base,
      itemId: Number(id),
      text: '本周金价区间震荡。',
    })
    expect(edited.json.status).toBe('pending_review')
  })
})
