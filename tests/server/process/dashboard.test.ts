import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProcessView, StaffView } from '../../../server/contracts/process.js'
import { appendEvent } from '../../../server/features/events/index.js'
import { piiOf } from '../../../server/lib/pii.js'
import type { TestApp } from '../support/test-app.js'
import { bind, hoursIntoWeek, insertCrmCustomer, PROCESS_NOW, signedIn, startProcessApp } from './process-world.js'

let t: TestApp
let w: Awaited<ReturnType<typeof startProcessApp>>['w']
const at = hoursIntoWeek
const as = (userid: string) => signedIn(t.baseUrl, userid)

beforeAll(async () => {
  const started = await startProcessApp()
  ;({ t, w } = started)
  const { db } = started
  const { alice, bob, carol } = w
  const add = (staff: string, ext: string, h: number, over = {}) =>
    w.insertContact(db, staff, { external_userid: ext, name: `联系人${ext.slice(-2)}`, add_time: at(h), ...over })
  const own = (over = {}) =>
    insertCrmCustomer(db, piiOf(t.ctx.config), w.west.id, { owner_staff_id: alice.id, ...over })
  await add(alice.wecom_userid, 'wmE1unverified', 0)
  const c2 = await own({ has_account: 0 })
  await add(alice.wecom_userid, 'wmE2noaccount', 2)
  await bind(db, 'wmE2noaccount', c2.cif_no, alice.wecom_userid, at(3))
  const c3 = await own({ owner_staff_id: bob.id })
  await add(alice.wecom_userid, 'wmE3otherbook', 4)
  await bind(db, 'wmE3otherbook', c3.cif_no, alice.wecom_userid, at(5))
  const c4 = await own()
  await w.insertContact(db, carol.wecom_userid, {
    external_userid: 'wmE4carolfirst',
    add_time: '2026-10-01T02:00:00.000Z',
  })
  await bind(db, 'wmE4carolfirst', c4.cif_no, carol.wecom_userid, '2026-10-01T03:00:00.000Z')
  await add(alice.wecom_userid, 'wmE4notfirst', 6)
  await bind(db, 'wmE4notfirst', c4.cif_no, alice.wecom_userid, at(7))
  const c5 = await own()
  await add(alice.wecom_userid, 'wmE5eligible', 8)
  await bind(db, 'wmE5eligible', c5.cif_no, alice.wecom_userid, at(9))
  await add(bob.wecom_userid, 'wmE5eligible', 30)
  const c6 = await own()
  const c7 = await own()
  await add(alice.wecom_userid, 'wmE6outside', 10)
  await bind(db, 'wmE6outside', c6.cif_no, alice.wecom_userid, at(11), '广东')
  await add(alice.wecom_userid, 'wmE7outside', 12)
  await bind(db, 'wmE7outside', c7.cif_no, alice.wecom_userid, at(13), '广东省')
  await add(alice.wecom_userid, 'wmE8peerbank', 14, { type: 2, corp_name: '某某农商银行' })
  await own({ segment: 'private' })
  for (const [type, h] of [
    ['verify_link_sent', 1],
    ['verify_link_sent', 2],
    ['verify_opened', 3],
    ['verified', 4],
  ] as const) {
    await appendEvent(db, {
      type,
      staffUserid: alice.wecom_userid,
      externalUserid: 'wmE1unverified',
      occurredAt: new Date(at(h)),
      source: 'sidebar',
    })
  }
  await db
    .insertInto('behavior_daily')
    .values([
      {
        staff_userid: alice.wecom_userid,
        day: '2026-11-16',
        new_apply_cnt: 4,
        new_contact_cnt: 3,
        chat_cnt: 10,
        message_cnt: 30,
        reply_percentage: 90,
        avg_reply_time: 6,
        negative_feedback_cnt: 0,
        synced_at: PROCESS_NOW.toISOString(),
      },
      {
        staff_userid: alice.wecom_userid,
        day: '2026-11-17',
        new_apply_cnt: 2,
        new_contact_cnt: 1,
        chat_cnt: 30,
        message_cnt: 60,
        reply_percentage: 50,
        avg_reply_time: 40,
        negative_feedback_cnt: 1,
        synced_at: PROCESS_NOW.toISOString(),
      },
    ])
    .execute()
})
afterAll(async () => {
  await t.close()
})

describe('GET /api/dashboard/staff/:userid', () => {
  it('when a supervisor opens a manager, then each 计入考核 rule is counted on its own and every verdict agrees with the contact profile', async () => {
    const boss = await as(w.boss.wecom_userid)
    const res = await boss.request('GET', `/api/dashboard/staff/${w.alice.wecom_userid}?period=week`)
    expect(res.status).toBe(200)
    const view = res.json as StaffView
    expect(view.period).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22' })
    expect(view.row.eligible).toEqual({
      adds: 8,
      // Six verifications this month allow one out-of-province: 广东 (the first) counts, 广东省 is the excess.
      eligible: 2,
      unverified: 2,
      noAccount: 1,
      notOwnBook: 1,
      notFirstAdd: 1,
      outOfProvinceFlagged: 1,
      peerBank: 1,
      severalStaff: 1,
      burst: 0,
    })
    for (const add of view.adds) {
      const profile = await boss.request('GET', `/api/contacts/${add.externalUserId}`)
      expect(profile.status).toBe(200)
      const verdicts = Object.fromEntries(
        profile.json.attribution.rules.map((r: { key: string; verdict: string }) => [r.key, r.verdict]),
      )
      expect({ id: add.externalUserId, rules: add.rules, counts: add.counts }).toEqual({
        id: add.externalUserId,
        rules: verdicts,
        counts: profile.json.attribution.counts,
      })
    }
    expect(view.row.numbers).toMatchObject({
      friendRequests: 6,
      newContacts: 8,
      linksSent: 6,
      linksOpened: 6,
      verified: 6,
      verifiedWithoutLink: 0,
      chats: 40,
      replyRate: 60,
      replyMinutes: 31.5,
      negativeFeedback: 1,
    })
    expect(view.guidance.map((g) => g.metric)).toEqual(expect.arrayContaining(['coverage', 'reply']))
    expect(view.guidance.find((g) => g.metric === 'coverage')?.message).toMatch(
      /名下 \d+ 位私行客户尚未在企业微信完成认证/,
    )
  })

  it('when the middle office opens the same manager, then customer names are reduced to the surname', async () => {
    const res = await (
      await as(w.middle.wecom_userid)
    ).request('GET', `/api/dashboard/staff/${w.alice.wecom_userid}?period=week`)
    expect(res.status).toBe(200)
    expect((res.json as StaffView).adds.every((a) => /^\S\*\*$/.test(a.name))).toBe(true)
  })
})

describe('GET /api/dashboard/process', () => {
  it('when a branch supervisor opens the dashboard, then rows are their sub-branches and drilling down lists the managers', async () => {
    const boss = await as(w.boss.wecom_userid)
    const top = (await boss.request('GET', '/api/dashboard/process?period=week')).json as ProcessView
    expect(top.node.id).toBe(w.branch.id)
    expect(top.rows.map((r) => r.name)).toEqual(['西湖支行', '滨江支行'])
    expect(top.total.eligible.adds).toBe(9)
    const west = (await boss.request('GET', `/api/dashboard/process?period=week&branchId=${w.west.id}`))
      .json as ProcessView
    expect(west.breadcrumb.map((b) => b.name)).toEqual(['杭州分行', '西湖支行'])
    expect(west.rows.map((r) => [r.kind, r.id])).toEqual([
      ['staff', w.alice.wecom_userid],
      ['staff', w.bob.wecom_userid],
    ])
    expect(west.rows[0]!.eligible.eligible).toBe(2)
    expect(west.trend.map((p) => p.day)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18'])
  })

  it('when someone looks outside their scope or has the wrong role, then 403 with a stable code; bad input is 400', async () => {
    const outsider = await as(w.outsider.wecom_userid)
    const out = await outsider.request('GET', `/api/dashboard/process?branchId=${w.west.id}`)
    expect([out.status, out.json.error.code]).toEqual([403, 'OUT_OF_SCOPE'])
    const staff = await outsider.request('GET', `/api/dashboard/staff/${w.alice.wecom_userid}`)
    expect([staff.status, staff.json.error.code]).toEqual([403, 'OUT_OF_SCOPE'])
    const front = await (await as(w.alice.wecom_userid)).request('GET', '/api/dashboard/process')
    expect([front.status, front.json.error.code]).toEqual([403, 'FORBIDDEN'])
    const bad = await outsider.request('GET', '/api/dashboard/process?period=year')
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('when the view is exported, then the workbook holds the same numbers as the API', async () => {
    const middle = await as(w.middle.wecom_userid)
    const q = `period=week&branchId=${w.west.id}`
    const view = (await middle.request('GET', `/api/dashboard/process?${q}`)).json as ProcessView
    const res = await fetch(`${t.baseUrl}/api/dashboard/export.xlsx?${q}`, { headers: { cookie: middle.cookie } })
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1))
    const all = [...view.rows, view.total]
    expect(rows('计入考核')).toEqual(
      all.map((r) => [
        r.name,
        r.eligible.adds,
        r.eligible.eligible,
        r.eligible.unverified,
        r.eligible.noAccount,
        r.eligible.notOwnBook,
        r.eligible.notFirstAdd,
        r.eligible.outOfProvinceFlagged,
        r.eligible.peerBank,
        r.eligible.severalStaff,
        r.eligible.burst,
      ]),
    )
    expect(rows('过程指标').map((r) => r.slice(0, 7))).toEqual(
      all.map((r) => [
        r.name,
        r.numbers.friendRequests,
        r.numbers.friendRequestTarget,
        r.numbers.newContacts,
        r.numbers.linksSent,
        r.numbers.linksOpened,
        r.numbers.verified,
      ]),
    )
    const bulletin = await fetch(`${t.baseUrl}/api/dashboard/bulletin?${q}`, { headers: { cookie: middle.cookie } })
    expect(await bulletin.text()).toContain('西湖支行 企业微信经营周通报')
  })
})
