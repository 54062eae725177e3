import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { REVEALS_PER_DAY, REVEALS_PER_HOUR } from '../../../server/features/contacts/reveal.service.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

const HOUR = 3600_000
const REASON = { reason: 'complaint', note: '客户来电投诉未收到到期提醒，需回电核实' }

describe('supervisors see masked phone and ID numbers and reveal one field with a stated reason, audited and limited', () => {
  let t: TestApp
  let clock = Date.parse('2026-11-03T01:00:00Z')
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })
  beforeEach(() => {
    clock += 3 * 86_400_000
    t.setNow(new Date(clock))
  })

  async function bank() {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'branch', name: '杭州分行' })
    const sub = await insertBranch(db, { parent_id: branch.id, name: '杭州西湖支行' })
    const other = await insertBranch(db, { level: 'branch', name: '南京分行', province: '江苏' })
    const manager = await insertStaff(db, sub.id, 'front', { name: '王敏' })
    const supervisor = await insertStaff(db, branch.id, 'supervisor', { name: '孙行长' })
    const outsider = await insertStaff(db, other.id, 'supervisor', { name: '钱行长' })
    const customer = await insertCustomer(db, sub.id, {
      owner_staff_id: manager.id,
      phone: '13912345678',
      id_no: '33010619900101123X',
    })
    const contact = await insertContact(db, manager.wecom_userid, { name: '李华' })
    await db
      .insertInto('bindings')
      .values({
        external_userid: contact.external_userid,
        cif_no: customer.cif_no,
        staff_userid: manager.wecom_userid,
        verified_at: new Date(clock - 86_400_000).toISOString(),
        method: 'link',
        verification_id: null,
      })
      .execute()
    return { db, manager, supervisor, outsider, customer, contact }
  }
  async function as(userid: string) {
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid })
    return c
  }
  const reveals = (db: TestApp['ctx']['db']['kysely'], target: string) =>
    db
      .selectFrom('audit_log')
      .select(['actor_staff_id', 'action', 'target', 'outcome', 'detail', 'at'])
      .where('action', '=', 'contact.reveal')
      .where('target', '=', target)
      .orderBy('id')
      .execute()

  it('when a supervisor opens a contact of their subtree, then phone and ID come masked, and the full numbers appear nowhere in the answer', async () => {
    const b = await bank()
    const res = await (await as(b.supervisor.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    expect(res.status).toBe(200)
    expect(res.json.customer).toMatchObject({ phone: '139****5678', idNo: '3301**********123X' })
    expect(res.text).not.toContain('13912345678')
    expect(res.text).not.toContain('33010619900101123X')
  })

  it('when a supervisor reveals the phone with a reason, then only that field comes back, and who, whom, which field, why and when are audited', async () => {
    const b = await bank()
    const boss = await as(b.supervisor.wecom_userid)
    const url = `/api/contacts/${b.contact.external_userid}/reveal`
    const res = await boss.request('POST', url, { field: 'phone', ...REASON })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ field: 'phone', value: '13912345678' })
    expect(res.text).not.toContain('33010619900101123X')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const id = await boss.request('POST', url, {
      field: 'idNo',
      reason: 'risk_check',
      note: '反洗钱可疑交易排查，核对身份',
    })
    expect(id.json).toEqual({ field: 'idNo', value: '33010619900101123X' })

    const audit = await reveals(b.db, `contact:${b.contact.external_userid}`)
    expect(audit.map((a) => ({ ...a, detail: JSON.parse(a.detail) }))).toEqual([
      {
        actor_staff_id: b.supervisor.id,
        action: 'contact.reveal',
        target: `contact:${b.contact.external_userid}`,
        outcome: 'allowed',
        detail: { cifNo: b.customer.cif_no, field: 'phone', ...REASON },
        at: new Date(clock).toISOString(),
      },
      expect.objectContaining({ detail: expect.objectContaining({ field: 'idNo', reason: 'risk_check' }) }),
    ])
    expect(JSON.stringify(audit)).not.toContain('13912345678')

    // The audit view shows it to the supervisor's own supervisors' view of the subtree (and to themselves).
    const view = await boss.request('GET', `/api/privacy/audit?target=${b.contact.external_userid}`)
    expect(view.json.entries).toContainEqual(
      expect.objectContaining({
        action: 'contact.reveal',
        staffId: b.supervisor.id,
        cifNo: b.customer.cif_no,
        note: `手机号 · 处理客户投诉或纠纷：${REASON.note}`,
      }),
    )
    const csv = await boss.request('GET', `/api/privacy/audit.csv?target=${b.contact.external_userid}`)
    expect(csv.text).toContain(`查看完整号码,contact:${b.contact.external_userid},${b.customer.cif_no},允许`)
  })

  it('when the reason is missing, too short, not on the list, or a second field is asked in one call, then 400 and nothing is revealed or audited as allowed', async () => {
    const b = await bank()
    const boss = await as(b.supervisor.wecom_userid)
    const url = `/api/contacts/${b.contact.external_userid}/reveal`
    for (const body of [
      { field: 'phone' },
      { field: 'phone', reason: 'complaint', note: '看看' },
      { field: 'phone', reason: 'curious', note: '想看一下这个客户的号码' },
      { field: 'phone', reason: 'complaint', note: '<b></b>' },
      { field: 'email', ...REASON },
      { field: 'phone', ...REASON, alsoField: 'idNo' },
    ]) {
      const res = await boss.request('POST', url, body)
      expect([res.status, res.json.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED'])
      expect(res.text).not.toContain('13912345678')
    }
    expect(await reveals(b.db, `contact:${b.contact.external_userid}`)).toEqual([])
  })

  it('when a number is typed into the reason, then the audit keeps it masked', async () => {
    const b = await bank()
    const boss = await as(b.supervisor.wecom_userid)
    await boss.request('POST', `/api/contacts/${b.contact.external_userid}/reveal`, {
      field: 'phone',
      reason: 'other',
      note: '客户说新号码是13800001111，核对旧号',
    })
    const [entry] = await reveals(b.db, `contact:${b.contact.external_userid}`)
    expect(JSON.parse(entry!.detail).note).toBe('客户说新号码是138****1111，核对旧号')
  })

  it("when another branch's supervisor, the manager or an unverified contact is asked about, then no number leaves; the refusal is audited", async () => {
    const b = await bank()
    const url = `/api/contacts/${b.contact.external_userid}/reveal`
    const outsider = await (await as(b.outsider.wecom_userid)).request('POST', url, { field: 'phone', ...REASON })
    expect([outsider.status, outsider.json.error.code]).toEqual([403, 'NOT_YOUR_CONTACT'])
    const manager = await (await as(b.manager.wecom_userid)).request('POST', url, { field: 'phone', ...REASON })
    expect(manager.status).toBe(403)
    expect(
      (await reveals(b.db, `contact:${b.contact.external_userid}`)).map((a) => [a.actor_staff_id, a.outcome]),
    ).toEqual([[b.outsider.id, 'denied']])
    const stranger = await insertContact(b.db, b.manager.wecom_userid, { name: '未认证' })
    const unverified = await (
      await as(b.supervisor.wecom_userid)
    ).request('POST', `/api/contacts/${stranger.external_userid}/reveal`, { field: 'phone', ...REASON })
    expect([unverified.status, unverified.json.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it(`when a supervisor reveals more than ${REVEALS_PER_HOUR} an hour or ${REVEALS_PER_DAY} a day, then 429 until the window ends`, async () => {
    const b = await bank()
    const boss = await as(b.supervisor.wecom_userid)
    const url = `/api/contacts/${b.contact.external_userid}/reveal`
    const dayStart = Math.floor(clock / 86_400_000) * 86_400_000
    let allowed = 0
    for (let hour = 0; hour < 4; hour++) {
      t.setNow(new Date(dayStart + hour * HOUR + 60_000))
      for (let n = 0; n < REVEALS_PER_HOUR; n++) {
        const res = await boss.request('POST', url, { field: 'phone', ...REASON })
        if (res.status === 200) allowed++
        else expect([res.status, res.json.error.code]).toEqual([429, 'RATE_LIMITED'])
      }
      const extra = await boss.request('POST', url, { field: 'phone', ...REASON })
      expect(extra.status).toBe(429)
    }
    expect(allowed).toBe(REVEALS_PER_DAY)
    t.setNow(new Date(dayStart + 86_400_000 + 60_000))
    // Sessions last 12 hours: sign in again the next day.
    const nextDay = await as(b.supervisor.wecom_userid)
    expect((await nextDay.request('POST', url, { field: 'phone', ...REASON })).status).toBe(200)
  })
})
