import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContactProfileSchema } from '../../../server/contracts/contacts.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('contact profile', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  async function bank() {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'branch', name: '杭州分行', province: '浙江' })
    const sub = await insertBranch(db, { parent_id: branch.id, name: '杭州西湖支行', province: '浙江' })
    const otherBranch = await insertBranch(db, { level: 'branch', name: '南京分行', province: '江苏' })
    const manager = await insertStaff(db, sub.id, 'front', { name: '王敏' })
    const colleague = await insertStaff(db, sub.id, 'front', { name: '赵强' })
    const supervisor = await insertStaff(db, branch.id, 'supervisor', { name: '孙行长' })
    const outsider = await insertStaff(db, otherBranch.id, 'supervisor', { name: '钱行长' })
    const middle = await insertStaff(db, branch.id, 'middle', { name: '中台小李' })
    const customer = await insertCustomer(db, sub.id, {
      owner_staff_id: manager.id,
      phone: `1380000${String(Date.now()).slice(-4)}`,
      id_no: '330106199001011234',
    })
    const contact = await insertContact(db, manager.wecom_userid, {
      name: '李华',
      add_time: '2026-11-01T02:00:00.000Z',
    })
    return { db, sub, manager, colleague, supervisor, outsider, middle, customer, contact }
  }

  async function bind(
    db: TestApp['ctx']['db']['kysely'],
    externalUserid: string,
    cifNo: string,
    staffUserid: string,
    at = new Date().toISOString(),
  ) {
    await db
      .insertInto('bindings')
      .values({
        external_userid: externalUserid,
        cif_no: cifNo,
        staff_userid: staffUserid,
        verified_at: at,
        method: 'link',
        verification_id: null,
      })
      .execute()
  }

  async function as(userid: string) {
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid })
    return c
  }

  it('when the contact is not verified, then the profile has no CRM data and attribution says why it does not count', async () => {
    const b = await bank()
    const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    expect(res.status).toBe(200)
    expect(res.json.customer).toBeNull()
    expect(res.json.verification).toMatchObject({ status: 'none', timeline: [] })
    expect(res.json.attribution.counts).toBe(false)
    expect(res.body(ContactProfileSchema).attribution.rules.map((r) => [r.key, r.verdict])).toEqual([
      ['verified', 'fail'],
      ['has_account', 'unknown'],
      ['in_book', 'unknown'],
      ['first_add', 'unknown'],
      ['out_of_province', 'pass'],
    ])
  })

  it('when verified, owned and first added, then it counts and the front office sees masked phone and ID and an AUM band', async () => {
    const b = await bank()
    await bind(b.db, b.contact.external_userid, b.customer.cif_no, b.manager.wecom_userid)
    const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    expect(res.json.attribution.counts).toBe(true)
    expect(res.body(ContactProfileSchema).attribution.rules.every((r) => r.verdict === 'pass')).toBe(true)
    expect(res.json.customer.phone).toMatch(/^138\*{4}\d{4}$/)
    expect(res.json.customer.idNo).toBe('3301**********1234')
    expect(res.json.customer.aumBand).toBe('50万–600万')
    expect(JSON.stringify(res.json)).not.toContain('120000000')
    expect(res.json.verification.status).toBe('verified')
  })

  it('when a colleague added the customer first, then first_add fails and names who and when', async () => {
    const b = await bank()
    const earlier = await insertContact(b.db, b.colleague.wecom_userid, { add_time: '2026-10-01T02:00:00.000Z' })
    await bind(b.db, earlier.external_userid, b.customer.cif_no, b.colleague.wecom_userid, '2026-10-02T00:00:00.000Z')
    await bind(b.db, b.contact.external_userid, b.customer.cif_no, b.manager.wecom_userid)
    const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    const rule = res.body(ContactProfileSchema).attribution.rules.find((r) => r.key === 'first_add')
    expect(rule).toMatchObject({ verdict: 'fail', reason: '赵强 已于 2026-10-01 首次添加该客户' })
    expect(res.json.attribution.counts).toBe(false)
  })

  it('when the customer belongs to another manager and has no account, then both rules fail with reasons', async () => {
    const b = await bank()
    const theirs = await insertCustomer(b.db, b.sub.id, { owner_staff_id: b.colleague.id, has_account: 0 })
    await bind(b.db, b.contact.external_userid, theirs.cif_no, b.manager.wecom_userid)
    const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    const verdicts = Object.fromEntries(res.body(ContactProfileSchema).attribution.rules.map((r) => [r.key, r.verdict]))
    expect(verdicts).toMatchObject({ has_account: 'fail', in_book: 'fail' })
  })

  it("when more than 20% of this month's verifications are out of province, then this out-of-province one is flagged", async () => {
    const b = await bank()
    const month = new Date().toISOString().slice(0, 7)
    for (const [i, province] of ['江苏', '浙江', '广东'].entries()) {
      const c = await insertContact(b.db, b.manager.wecom_userid)
      const cust = await insertCustomer(b.db, b.sub.id, { owner_staff_id: b.manager.id })
      await b.db
        .insertInto('verifications')
        .values({
          id: `v-${c.external_userid}`,
          token_hash: `h-${c.external_userid}`,
          staff_userid: b.manager.wecom_userid,
          external_userid: c.external_userid,
          status: 'verified',
          created_at: `${month}-01T00:00:00.000Z`,
          expires_at: `${month}-02T00:00:00.000Z`,
          sent_at: null,
          opened_at: null,
          verified_at: `${month}-01T01:00:00.000Z`,
          failed_at: null,
          failure_reason: null,
          identity_attempts: 0,
          code_attempts: 0,
          code_hash: null,
          code_expires_at: null,
          code_sent_at: null,
          candidate_cif_no: null,
          candidate_problem: null,
          cif_no: cust.cif_no,
          client_ip: null,
          ip_province: province,
        })
        .execute()
      await b.db
        .insertInto('bindings')
        .values({
          external_userid: c.external_userid,
          cif_no: cust.cif_no,
          staff_userid: b.manager.wecom_userid,
          verified_at: `${month}-01T01:00:0${i}.000Z`,
          method: 'link',
          verification_id: `v-${c.external_userid}`,
          ip_province: province,
        })
        .execute()
      if (province === '江苏') {
        const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${c.external_userid}`)
        const rule = res.body(ContactProfileSchema).attribution.rules.find((r) => r.key === 'out_of_province')
        // At this point 1 of 1 verifications this month is out of province: 100% > 20%.
        expect(rule?.verdict).toBe('flagged')
        expect(res.json.attribution.counts).toBe(false)
      }
    }
  })

  it('when the contact is a WeCom user of another bank added by several staff, then the anti-gaming flags say so', async () => {
    const b = await bank()
    const peer = await insertContact(b.db, b.manager.wecom_userid, { type: 2, corp_name: '某某农商银行城东支行' })
    await insertContact(b.db, b.colleague.wecom_userid, {
      external_userid: peer.external_userid,
      type: 2,
      corp_name: '某某农商银行城东支行',
    })
    const res = await (await as(b.manager.wecom_userid)).request('GET', `/api/contacts/${peer.external_userid}`)
    expect(
      res
        .body(ContactProfileSchema)
        .attribution.flags.map((f) => f.key)
        .sort(),
    ).toEqual(['added_by_several_staff', 'peer_bank_contact'])
    expect(
      res.body(ContactProfileSchema).attribution.flags.find((f) => f.key === 'added_by_several_staff')?.detail,
    ).toContain('赵强')
  })

  it("when a front-office member asks for someone else's contact, then 403 and the refusal is audited", async () => {
    const b = await bank()
    const res = await (await as(b.colleague.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    expect(res.status).toBe(403)
    const audit = await b.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target', '=', `contact:${b.contact.external_userid}`)
      .execute()
    expect(audit).toEqual([
      expect.objectContaining({ actor_staff_id: b.colleague.id, outcome: 'denied', action: 'contact.view' }),
    ])
  })

  it("when the supervisor of the branch asks, then they see it with phone and ID masked; another branch's supervisor and the middle office are refused", async () => {
    const b = await bank()
    await bind(b.db, b.contact.external_userid, b.customer.cif_no, b.manager.wecom_userid)
    const own = await (await as(b.supervisor.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)
    expect(own.status).toBe(200)
    expect(own.json.customer.phone).toBe(`${b.customer.phone.slice(0, 3)}****${b.customer.phone.slice(-4)}`)
    expect(own.json.customer.idNo).toBe('3301**********1234')
    expect(own.text).not.toContain(b.customer.phone)
    expect(own.text).not.toContain(b.customer.id_no)
    expect(
      (await (await as(b.outsider.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)).status,
    ).toBe(403)
    expect(
      (await (await as(b.middle.wecom_userid)).request('GET', `/api/contacts/${b.contact.external_userid}`)).status,
    ).toBe(403)
    const audit = await b.db
      .selectFrom('audit_log')
      .select(['actor_staff_id', 'outcome'])
      .where('target', '=', `contact:${b.contact.external_userid}`)
      .execute()
    expect(audit).toEqual([
      { actor_staff_id: b.supervisor.id, outcome: 'allowed' },
      { actor_staff_id: b.outsider.id, outcome: 'denied' },
    ])
  })

  it('when the id is malformed, then 400 VALIDATION_FAILED', async () => {
    const b = await bank()
    const res = await (
      await as(b.manager.wecom_userid)
    ).request('GET', `/api/contacts/${encodeURIComponent("x' or 1=1 --")}`)
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('VALIDATION_FAILED')
  })
})
