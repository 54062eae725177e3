import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

async function lastSmsCode(t: TestApp, phone: string): Promise<string> {
  const rows = await t.ctx.db.kysely.selectFrom('sim_sms').selectAll().orderBy('id', 'desc').execute()
  const sms = rows.find((r) => r.phone === phone)
  const code = /(\d{6})/.exec(sms?.text ?? '')?.[1]
  if (!code) throw new Error('no SMS code in the outbox')
  return code
}

let ipSeq = 0

describe('real-name verification', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  async function scenario(over: { hasAccount?: number } = {}) {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { name: '杭州西湖支行', province: '浙江' })
    const staff = await insertStaff(db, branch.id, 'front', { name: '王敏' })
    const customer = await insertCustomer(db, branch.id, {
      owner_staff_id: staff.id,
      has_account: over.hasAccount ?? 1,
    })
    const contact = await insertContact(db, staff.wecom_userid, { name: customer.name })
    const manager = client(t.baseUrl)
    await manager.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    const created = await manager.request('POST', '/api/verifications', { externalUserId: contact.external_userid })
    expect(created.status).toBe(201)
    const token = new URL(created.json.url).pathname.split('/').pop()!
    // Each customer comes from their own address (the app trusts X-Forwarded-For from loopback proxies).
    const customerSide = client(t.baseUrl, { 'x-forwarded-for': `203.0.113.${++ipSeq}` })
    return { db, staff, customer, contact, manager, created: created.json, token, customerSide }
  }

  it('when the customer confirms name, phone and the SMS code, then the contact is bound and the sidebar sees 已认证', async () => {
    const s = await scenario()
    expect(s.created.url).toMatch(/^http:\/\/localhost:0\/v\/[A-Za-z0-9_-]{43}$/)
    const opened = await s.customerSide.request('GET', `/api/public/verifications/${s.token}`)
    expect(opened.json).toMatchObject({
      state: 'open',
      managerName: '王敏',
      branchName: '杭州西湖支行',
      codeActive: false,
    })
    expect(JSON.stringify(opened.json)).not.toContain(s.customer.name)

    const sms = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    expect(sms.status).toBe(202)
    // A reload after the SMS: the page learns a valid code is out and when it may send another.
    const reopened = await s.customerSide.request('GET', `/api/public/verifications/${s.token}`)
    expect(reopened.json).toMatchObject({ state: 'open', codeActive: true, resendInSec: 60 })
    const code = await lastSmsCode(t, s.customer.phone)
    const done = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, { code })
    expect(done.status).toBe(200)
    expect(done.json).toEqual({ status: 'verified', managerName: '王敏' })

    const binding = await s.db
      .selectFrom('bindings')
      .selectAll()
      .where('external_userid', '=', s.contact.external_userid)
      .execute()
    expect(binding).toHaveLength(1)
    expect(binding[0]).toMatchObject({ cif_no: s.customer.cif_no, staff_userid: s.staff.wecom_userid, method: 'link' })
    const events = await s.db
      .selectFrom('events')
      .select('type')
      .where('external_userid', '=', s.contact.external_userid)
      .execute()
    expect(events.map((e) => e.type).sort()).toEqual(['verified', 'verify_opened'])

    const state = await s.manager.request('GET', `/api/contacts/${s.contact.external_userid}/verification`)
    expect(state.json.status).toBe('verified')
    // The link is single-use.
    const again = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    expect(again.status).toBe(409)
  })

  it('when the token is stored, then only its hash is in the database', async () => {
    const s = await scenario()
    const rows = await s.db.selectFrom('verifications').select('token_hash').execute()
    expect(rows.some((r) => r.token_hash.includes(s.token))).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('when a new link is sent, then the previous one stops working', async () => {
    const s = await scenario()
    const second = await s.manager.request('POST', '/api/verifications', { externalUserId: s.contact.external_userid })
    expect(second.status).toBe(201)
    const old = await s.customerSide.request('GET', `/api/public/verifications/${s.token}`)
    expect(old.json.state).toBe('expired')
    const sms = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    expect(sms.status).toBe(410)
  })

  it('when the name does not match, then the customer gets a generic message and staff see the precise reason', async () => {
    const s = await scenario()
    await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: '张冒名',
      phone: s.customer.phone,
      consent: true,
    })
    const code = await lastSmsCode(t, s.customer.phone)
    const res = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, { code })
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('VERIFICATION_FAILED')
    expect(res.json.error.message).not.toMatch(/不是本行客户|没有账户|未匹配/)
    const state = await s.manager.request('GET', `/api/contacts/${s.contact.external_userid}/verification`)
    expect(state.json).toMatchObject({ status: 'failed', failureReason: '姓名与手机号未匹配到本行客户' })
    expect(
      await s.db.selectFrom('bindings').selectAll().where('external_userid', '=', s.contact.external_userid).execute(),
    ).toEqual([])
  })

  it('when the customer has no account, then verification fails with the same generic message', async () => {
    const s = await scenario({ hasAccount: 0 })
    await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    const res = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, {
      code: await lastSmsCode(t, s.customer.phone),
    })
    expect(res.status).toBe(422)
    const state = await s.manager.request('GET', `/api/contacts/${s.contact.external_userid}/verification`)
    expect(state.json.failureReason).toBe('客户在本行没有账户')
  })

  it('when five wrong codes are entered, then the link locks', async () => {
    const s = await scenario()
    await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    const right = await lastSmsCode(t, s.customer.phone)
    const wrong = right === '000000' ? '111111' : '000000'
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, { code: wrong })).status,
      )
    expect(statuses).toEqual([400, 400, 400, 400, 423])
    const late = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, { code: right })
    expect(late.status).toBe(423)
    expect(
      await s.db.selectFrom('bindings').selectAll().where('external_userid', '=', s.contact.external_userid).execute(),
    ).toEqual([])
  })

  it('when a code is requested again within a minute, then it is refused', async () => {
    const s = await scenario()
    const body = { name: s.customer.name, phone: s.customer.phone, consent: true }
    expect((await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, body)).status).toBe(202)
    const again = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, body)
    expect(again.status).toBe(429)
    expect(again.json.error.code).toBe('SMS_TOO_SOON')
  })

  it('when the code is older than five minutes, then it is refused as expired', async () => {
    const s = await scenario()
    const start = new Date()
    t.setNow(start)
    try {
      await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
        name: s.customer.name,
        phone: s.customer.phone,
        consent: true,
      })
      const code = await lastSmsCode(t, s.customer.phone)
      t.setNow(new Date(start.getTime() + 5 * 60_000 + 1000))
      const res = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, { code })
      expect(res.json.error.code).toBe('CODE_EXPIRED')
    } finally {
      t.setNow(new Date())
    }
  })

  it('when the link is older than its lifetime, then the page says it expired', async () => {
    const s = await scenario()
    t.setNow(new Date(Date.now() + 25 * 3600_000))
    try {
      const res = await s.customerSide.request('GET', `/api/public/verifications/${s.token}`)
      expect(res.json.state).toBe('expired')
      await s.manager.request('POST', '/api/demo/login', { userid: s.staff.wecom_userid }) // the 12 h session lapsed too
      const state = await s.manager.request('GET', `/api/contacts/${s.contact.external_userid}/verification`)
      expect(state.json.status).toBe('expired')
    } finally {
      t.setNow(new Date())
    }
  })

  it('when consent is missing or the phone is malformed, then 400 names the problem and no SMS goes out', async () => {
    const s = await scenario()
    const before = await s.db
      .selectFrom('sim_sms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const noConsent = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: false,
    })
    expect(noConsent.status).toBe(400)
    expect(noConsent.json.error.message).toContain('同意')
    const badPhone = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: '12345',
      consent: true,
    })
    expect(badPhone.json.error.message).toContain('手机号')
    const after = await s.db
      .selectFrom('sim_sms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('when a made-up token is used, then 410 and nothing about the bank is revealed', async () => {
    const res = await client(t.baseUrl).request(
      'GET',
      '/api/public/verifications/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    )
    expect(res.status).toBe(410)
    expect(res.json.error.code).toBe('LINK_INVALID')
  })

  it('when a manager sends a link for someone not in their contacts, then 403 and no link is created', async () => {
    const s = await scenario()
    const other = await insertStaff(s.db, (await insertBranch(s.db)).id)
    const stranger = await insertContact(s.db, other.wecom_userid)
    const res = await s.manager.request('POST', '/api/verifications', { externalUserId: stranger.external_userid })
    expect(res.status).toBe(403)
    expect(
      await s.db
        .selectFrom('verifications')
        .selectAll()
        .where('external_userid', '=', stranger.external_userid)
        .execute(),
    ).toEqual([])
  })

  it('when a customer verifies successfully, then neither their name, their phone nor the link token appears in the logs', async () => {
    const s = await scenario()
    const loggedBefore = t.logs.length
    const sms = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/sms`, {
      name: s.customer.name,
      phone: s.customer.phone,
      consent: true,
    })
    expect(sms.status).toBe(202)
    const done = await s.customerSide.request('POST', `/api/public/verifications/${s.token}/confirm`, {
      code: await lastSmsCode(t, s.customer.phone),
    })
    expect(done.status).toBe(200)
    expect(done.json.status).toBe('verified')
    // The two requests were logged (so there was something to leak into).
    expect(t.logs.length).toBeGreaterThan(loggedBefore)
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(s.customer.name)
    expect(logs).not.toContain(s.customer.phone)
    expect(logs).not.toContain(s.token)
  })

  it('when one address asks for more than 10 codes an hour, then it is rate limited across links', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const s = await scenario()
      const sameIp = client(t.baseUrl, { 'x-forwarded-for': '198.51.100.7' })
      statuses.push(
        (
          await sameIp.request('POST', `/api/public/verifications/${s.token}/sms`, {
            name: s.customer.name,
            phone: s.customer.phone,
            consent: true,
          })
        ).status,
      )
    }
    expect(statuses.slice(0, 10).every((x) => x === 202)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('when the same phone asks for codes through two links within a minute, then the second is refused per phone', async () => {
    const a = await scenario()
    const b = await scenario()
    const body = { name: a.customer.name, phone: a.customer.phone, consent: true }
    expect((await a.customerSide.request('POST', `/api/public/verifications/${a.token}/sms`, body)).status).toBe(202)
    const second = await b.customerSide.request('POST', `/api/public/verifications/${b.token}/sms`, body)
    expect(second.status).toBe(429)
    expect(second.json.error.code).toBe('SMS_RATE_LIMITED')
  })
})
