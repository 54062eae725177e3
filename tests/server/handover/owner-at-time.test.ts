import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProcessViewSchema, StaffViewSchema } from '../../../server/contracts/process.js'
import { friend, handoverBank, HOUR, signIn, startHandoverApp, T0 } from './handover-world.js'

/** T0 is Monday 2 March 2026, 10:00 Beijing: the week of 2–8 March and the month of March contain it. */
describe('reports count a handed-over customer for whoever held it when the period ended', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  let b: Awaited<ReturnType<typeof handoverBank>>
  let march: string
  let february: string
  const db = () => w.app.ctx.db.kysely
  const at = (ms: number) => w.app.setNow(new Date(T0.getTime() + ms))
  const boss = () => signIn(w.app, b.supervisor.wecom_userid)

  beforeAll(async () => {
    w = await startHandoverApp()
    b = await handoverBank(db())
    // Added by 王敏, whose book they are in until the CRM moves them to 赵强 just before the handover.
    march = (await friend(db(), b.branch.id, b.from.wecom_userid, b.from.id, new Date(T0.getTime() - HOUR), 1)).ext
    february = (await friend(db(), b.branch.id, b.from.wecom_userid, b.from.id, new Date('2026-02-20T02:00:00Z'), 2))
      .ext
  })
  afterAll(async () => {
    await w.close()
  })

  async function addsBy(period: 'week' | 'month', date: string) {
    const res = await (await boss()).request('GET', `/api/dashboard/process?period=${period}&date=${date}`)
    const view = res.body(ProcessViewSchema)
    const of = (userid: string) => view.rows.find((r) => r.id === userid)!.eligible
    return { from: of(b.from.wecom_userid), to: of(b.to.wecom_userid), total: view.total.eligible }
  }
  async function drillDown(userid: string, period: 'week' | 'month', date: string) {
    const res = await (await boss()).request('GET', `/api/dashboard/staff/${userid}?period=${period}&date=${date}`)
    return res.body(StaffViewSchema).adds.map((a) => a.externalUserId)
  }

  it('when the handover is still waiting in mid-March, then March and its first week count the add for the former holder', async () => {
    at(12 * 24 * HOUR)
    await db()
      .updateTable('customers')
      .set({ owner_staff_id: b.to.id })
      .where('owner_staff_id', '=', b.from.id)
      .execute()
    const started = await (
      await boss()
    ).request('POST', '/api/handover/transfers', {
      kind: 'onjob',
      handoverUserid: b.from.wecom_userid,
      takeoverUserid: b.to.wecom_userid,
      externalUserIds: [march, february],
    })
    expect(started.status).toBe(201)
    const month = await addsBy('month', '2026-03-02')
    expect(month).toMatchObject({ from: { adds: 1 }, to: { adds: 0 }, total: { adds: 1 } })
    expect(await drillDown(b.from.wecom_userid, 'month', '2026-03-02')).toEqual([march])
  })

  it('when the takeover happens on 15 March, then March counts it for the successor while the week of 2–8 March and February keep it with the former holder', async () => {
    at(13 * 24 * HOUR + HOUR)
    const done = await (await boss()).request('POST', '/api/handover/transfers/refresh')
    expect(done.json).toMatchObject({ applied: 2 })
    const owners = await db()
      .selectFrom('relation_owners')
      .select(['external_userid', 'owner_userid', 'relation_id'])
      .where('to_at', 'is', null)
      .execute()
    expect(owners.map((o) => o.owner_userid)).toEqual([b.to.wecom_userid, b.to.wecom_userid])
    expect(owners.every((o) => o.relation_id !== null)).toBe(true)

    const month = await addsBy('month', '2026-03-02')
    expect(month).toMatchObject({ from: { adds: 0 }, to: { adds: 1, eligible: 1, notOwnBook: 0 }, total: { adds: 1 } })
    const week = await addsBy('week', '2026-03-02')
    expect(week).toMatchObject({ from: { adds: 1, eligible: 1 }, to: { adds: 0, eligible: 0 }, total: { adds: 1 } })
    const feb = await addsBy('month', '2026-02-20')
    expect(feb).toMatchObject({ from: { adds: 1 }, to: { adds: 0 }, total: { adds: 1 } })

    expect(await drillDown(b.to.wecom_userid, 'month', '2026-03-02')).toEqual([march])
    expect(await drillDown(b.from.wecom_userid, 'month', '2026-03-02')).toEqual([])
    expect(await drillDown(b.from.wecom_userid, 'week', '2026-03-02')).toEqual([march])
    expect(await drillDown(b.to.wecom_userid, 'week', '2026-03-02')).toEqual([])
    expect(await drillDown(b.from.wecom_userid, 'month', '2026-02-20')).toEqual([february])
  })
})
