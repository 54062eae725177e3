import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshDashboardRollups } from '../../../server/features/process/index.js'
import { friend, handoverBank, HOUR, signIn, startHandoverApp, T0 } from './handover-world.js'

describe('客户继承 through WeCom (simulator): 在职转接 and 离职继承', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  let seq = 0
  beforeAll(async () => {
    w = await startHandoverApp()
  })
  afterAll(async () => {
    await w.close()
  })
  const db = () => w.app.ctx.db.kysely
  const at = (ms: number) => w.app.setNow(new Date(T0.getTime() + ms))

  async function setup(customers: number, opts: { ownerIsSuccessor?: boolean; burst?: boolean } = {}) {
    at(0)
    const bank = await handoverBank(db())
    const owner = opts.ownerIsSuccessor === false ? bank.from : bank.to
    const exts: string[] = []
    for (let i = 0; i < customers; i++) {
      // A burst: one add a minute; otherwise a day apart.
      const addTime = new Date(T0.getTime() - 30 * 24 * HOUR + i * (opts.burst ? 60_000 : 24 * HOUR))
      exts.push((await friend(db(), bank.branch.id, bank.from.wecom_userid, owner.id, addTime, ++seq)).ext)
    }
    // Sessions expire as the test clock moves: every request signs in afresh.
    const boss = () => signIn(w.app, bank.supervisor.wecom_userid)
    return { ...bank, exts, boss }
  }

  const start = (boss: Awaited<ReturnType<typeof signIn>>, from: string, to: string, exts: string[], kind = 'onjob') =>
    boss.request('POST', '/api/handover/transfers', {
      kind,
      handoverUserid: from,
      takeoverUserid: to,
      externalUserIds: exts,
      message: '您好，后续由我的同事为您服务',
    })

  it('when a burst of adds is handed over and taken over after 24 h, then the successor holds them as 继承: original first-add date, first add and in book pass, no 多名员工添加 / 短时集中添加, and the former owner gets 403', async () => {
    const b = await setup(10, { burst: true })
    const before = await db()
      .selectFrom('wecom_contacts')
      .select(['external_userid', 'add_time'])
      .where('external_userid', 'in', b.exts)
      .execute()
    await refreshDashboardRollups(db())
    const burstBefore = await db()
      .selectFrom('add_verdicts')
      .select('burst')
      .where('external_userid', 'in', b.exts)
      .execute()
    expect(burstBefore.every((v) => Number(v.burst) === 1)).toBe(true)

    const started = await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts)
    expect(started.status).toBe(201)
    expect(started.json).toMatchObject({ requested: 10, rejected: 0 })
    expect(started.json.items[0]).toMatchObject({ status: 'waiting', handoverName: '王敏', takeoverName: '赵强' })

    at(23 * HOUR)
    const early = await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    expect(early.json).toEqual({ checked: 10, applied: 0 })
    const oldOwner = await signIn(w.app, b.from.wecom_userid)
    expect((await oldOwner.request('GET', `/api/contacts/${b.exts[0]}`)).status).toBe(200)

    at(24 * HOUR + 60_000)
    const done = await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    expect(done.json).toEqual({ checked: 10, applied: 10 })

    const rows = await db()
      .selectFrom('wecom_contacts')
      .select(['external_userid', 'staff_userid', 'add_time', 'added_by', 'deleted_by'])
      .where('external_userid', 'in', b.exts)
      .execute()
    expect(rows).toHaveLength(10)
    for (const r of rows) {
      expect(r).toMatchObject({ staff_userid: b.to.wecom_userid, added_by: b.from.wecom_userid, deleted_by: null })
      expect(r.add_time).toBe(before.find((x) => x.external_userid === r.external_userid)!.add_time)
    }
    const history = await db()
      .selectFrom('relation_owners')
      .select(['owner_userid', 'how', 'to_at'])
      .where('external_userid', '=', b.exts[0]!)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { owner_userid: b.from.wecom_userid, how: 'added', to_at: expect.any(String) },
      { owner_userid: b.to.wecom_userid, how: 'handover', to_at: null },
    ])

    await refreshDashboardRollups(db())
    const verdicts = await db().selectFrom('add_verdicts').selectAll().where('external_userid', 'in', b.exts).execute()
    expect(verdicts).toHaveLength(10)
    for (const v of verdicts)
      expect(v).toMatchObject({
        staff_userid: b.to.wecom_userid,
        first_add: 'pass',
        in_book: 'pass',
        several_staff: 0,
        burst: 0,
      })

    const successor = await signIn(w.app, b.to.wecom_userid)
    const profile = await successor.request('GET', `/api/contacts/${b.exts[0]}`)
    expect(profile.status).toBe(200)
    const rules = Object.fromEntries(
      profile.json.attribution.rules.map((r: { key: string; verdict: string }) => [r.key, r.verdict]),
    )
    expect(rules).toMatchObject({ first_add: 'pass', in_book: 'pass' })
    expect(profile.json.attribution.flags.map((f: { key: string }) => f.key)).toEqual([])
    const refused = await (await signIn(w.app, b.from.wecom_userid)).request('GET', `/api/contacts/${b.exts[0]}`)
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('NOT_YOUR_CONTACT')
  })

  it('when the customer refuses (暂不添加), then transfer_fail marks it refused and the relation stays with the old owner', async () => {
    const b = await setup(1)
    await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts)
    const sim = await fetch(`${w.app.baseUrl}/simulator/api/transfers/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserId: b.exts[0], outcome: 'refuse' }),
    })
    expect(sim.status).toBe(200)
    at(25 * HOUR)
    await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    const list = await (await b.boss()).request('GET', '/api/handover/transfers')
    expect(list.json.items.find((t: { externalUserId: string }) => t.externalUserId === b.exts[0])).toMatchObject({
      status: 'refused',
    })
    const row = await db()
      .selectFrom('wecom_contacts')
      .select(['staff_userid', 'added_by', 'deleted_by'])
      .where('external_userid', '=', b.exts[0]!)
      .execute()
    expect(row).toEqual([{ staff_userid: b.from.wecom_userid, added_by: null, deleted_by: null }])
    const oldOwner = await signIn(w.app, b.from.wecom_userid)
    expect((await oldOwner.request('GET', `/api/contacts/${b.exts[0]}`)).status).toBe(200)
  })

  it('when the successor is at the customer limit at takeover, then the state is limit_reached and nothing moves', async () => {
    const b = await setup(1)
    await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts)
    await fetch(`${w.app.baseUrl}/simulator/api/transfers/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserId: b.exts[0], outcome: 'limit' }),
    })
    at(25 * HOUR)
    await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    const t = await db()
      .selectFrom('handover_transfers')
      .select('status')
      .where('external_userid', '=', b.exts[0]!)
      .execute()
    expect(t).toEqual([{ status: 'limit_reached' }])
  })

  it('when a customer was already handed over twice within 90 days, then a third 在职转接 is refused with the 90-day message, by us and by the simulator (40128)', async () => {
    const b = await setup(1)
    const [ext] = b.exts
    await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, [ext!])
    at(25 * HOUR)
    await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    await start(await b.boss(), b.to.wecom_userid, b.third.wecom_userid, [ext!])
    at(50 * HOUR)
    const second = await (await b.boss()).request('POST', '/api/handover/transfers/refresh')
    expect(second.json.applied).toBe(1)

    const third = await start(await b.boss(), b.third.wecom_userid, b.from.wecom_userid, [ext!])
    expect(third.status).toBe(409)
    expect(third.json.error).toMatchObject({ code: 'HANDOVER_LIMIT' })
    expect(third.json.error.message).toContain('90 天内已被转接 2 次')

    const token = await fetch(
      `${w.app.baseUrl}/simulator/cgi-bin/gettoken?corpid=${w.app.ctx.config.wecom.corpId}&corpsecret=${w.app.ctx.config.wecom.secret}`,
    ).then((r) => r.json())
    const direct = await fetch(
      `${w.app.baseUrl}/simulator/cgi-bin/externalcontact/transfer_customer?access_token=${token.access_token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          handover_userid: b.third.wecom_userid,
          takeover_userid: b.from.wecom_userid,
          external_userid: [ext],
        }),
      },
    ).then((r) => r.json())
    expect(direct).toEqual({ errcode: 0, errmsg: 'ok', customer: [{ external_userid: ext, errcode: 40128 }] })

    at(50 * HOUR + 91 * 24 * HOUR)
    const later = await start(await b.boss(), b.third.wecom_userid, b.from.wecom_userid, [ext!])
    expect(later.status).toBe(201)
  })

  it('when 150 customers are handed over, then WeCom is called in batches of at most 100, and the simulator refuses 101 in one call', async () => {
    const b = await setup(150, { ownerIsSuccessor: false })
    const before = w.proxy.count('/externalcontact/transfer_customer')
    const res = await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts)
    expect(res.status).toBe(201)
    expect(res.json.requested).toBe(150)
    expect(w.proxy.count('/externalcontact/transfer_customer') - before).toBe(2)

    const token = await fetch(
      `${w.app.baseUrl}/simulator/cgi-bin/gettoken?corpid=${w.app.ctx.config.wecom.corpId}&corpsecret=${w.app.ctx.config.wecom.secret}`,
    ).then((r) => r.json())
    const tooMany = await fetch(
      `${w.app.baseUrl}/simulator/cgi-bin/externalcontact/transfer_customer?access_token=${token.access_token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          handover_userid: b.from.wecom_userid,
          takeover_userid: b.to.wecom_userid,
          external_userid: Array.from({ length: 101 }, (_, i) => `wmX${i}`),
        }),
      },
    ).then((r) => r.json())
    expect(tooMany.errcode).toBe(40058)
  })

  it('when a member has left, then 离职继承 moves their customers and 在职转接 is refused for them', async () => {
    const b = await setup(1)
    await db().updateTable('staff').set({ active: 0 }).where('id', '=', b.from.id).execute()
    const wrongKind = await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts, 'onjob')
    expect(wrongKind.status).toBe(409)
    expect(wrongKind.json.error.code).toBe('HANDOVER_INVALID')
    const res = await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts, 'resigned')
    expect(res.status).toBe(201)
    at(25 * HOUR)
    expect((await (await b.boss()).request('POST', '/api/handover/transfers/refresh')).status).toBe(200)
    const moved = await db()
      .selectFrom('wecom_contacts')
      .select('staff_userid')
      .where('external_userid', '=', b.exts[0]!)
      .execute()
    expect(moved).toEqual([{ staff_userid: b.to.wecom_userid }])
    const history = await db()
      .selectFrom('relation_owners')
      .select('how')
      .where('external_userid', '=', b.exts[0]!)
      .orderBy('id')
      .execute()
    expect(history.map((h) => h.how)).toEqual(['added', 'resigned'])
  })

  it('when a supervisor names another branch’s member, or a manager calls, then 403 and nothing is requested', async () => {
    const b = await setup(1)
    const outside = await start(await b.boss(), b.outsider.wecom_userid, b.to.wecom_userid, b.exts)
    expect(outside.status).toBe(403)
    expect(outside.json.error.code).toBe('OUT_OF_SCOPE')
    const toOutside = await start(await b.boss(), b.from.wecom_userid, b.outsider.wecom_userid, b.exts)
    expect(toOutside.status).toBe(403)
    const manager = await signIn(w.app, b.from.wecom_userid)
    expect((await start(manager, b.from.wecom_userid, b.to.wecom_userid, b.exts)).status).toBe(403)
    const rows = await db()
      .selectFrom('handover_transfers')
      .select('id')
      .where('external_userid', 'in', b.exts)
      .execute()
    expect(rows).toEqual([])
  })

  it('when the CRM owner of a friend changed to someone else, then a handover is proposed with the CRM owner as successor, until one is started', async () => {
    const b = await setup(1)
    const proposals = await (await b.boss()).request('GET', '/api/handover/proposals')
    expect(proposals.json.items).toEqual([
      expect.objectContaining({ externalUserId: b.exts[0], holderName: '王敏', crmOwnerName: '赵强' }),
    ])
    const customers = await (await b.boss()).request('GET', `/api/handover/customers?handover=${b.from.wecom_userid}`)
    expect(customers.json.items[0]).toMatchObject({ crmOwnerUserid: b.to.wecom_userid, transfersIn90Days: 0 })
    await start(await b.boss(), b.from.wecom_userid, b.to.wecom_userid, b.exts)
    const after = await (await b.boss()).request('GET', '/api/handover/proposals')
    expect(after.json.items.filter((p: { externalUserId: string }) => p.externalUserId === b.exts[0])).toEqual([])
  })
})
