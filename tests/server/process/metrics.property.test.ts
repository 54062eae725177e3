import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DashboardQueryT } from '../../../server/contracts/process.js'
import { isOutOfProvinceExcess, outOfProvinceAllowance } from '../../../server/features/contacts/attribution-rules.js'
import { contentResults } from '../../../server/features/content/results.service.js'
import { appendEvent } from '../../../server/features/process/events.js'
import { refreshDashboardRollups } from '../../../server/features/process/rollups/dashboard-rollups.js'
import { refreshRollups } from '../../../server/features/process/rollups/rollups.service.js'
import { piiOf } from '../../../server/lib/pii.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { checkView } from './metric-invariants.js'
import { insertCrmCustomer, processWorld } from './process-world.js'

const NOW = new Date('2026-11-07T04:00:00Z')
// Around the Beijing month boundary (2026-10-31T16:00Z) on purpose.
const T0 = Date.parse('2026-10-27T00:00:00Z')
const T1 = Date.parse('2026-11-06T00:00:00Z')
const HOUR = 3600_000
const CUSTOMERS = 4
const at = fc.integer({ min: T0, max: T1 })
// Two of the three managers act, so the same manager often adds and verifies the same customer.
const who = fc.integer({ min: 0, max: 1 })
const cust = fc.integer({ min: 0, max: CUSTOMERS - 1 })

const op = fc.oneof(
  // Sends, purchases and bindings weigh more: credited purchases need all three for one customer.
  fc.record({ kind: fc.constant('add' as const), staff: who, c: cust, at, addWay: fc.constantFrom(1, 2, 5) }),
  fc.record({
    kind: fc.constant('link' as const),
    staff: who,
    c: cust,
    at,
    openAfter: fc.option(fc.integer({ min: 0, max: 72 }), { nil: null }),
    verifyAfter: fc.option(fc.integer({ min: 0, max: 72 }), { nil: null }),
    outside: fc.boolean(),
  }),
  {
    arbitrary: fc.record({ kind: fc.constant('app' as const), staff: who, c: cust, at, outside: fc.boolean() }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('delete' as const), staff: who, c: cust, at }),
  {
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      staff: who,
      c: cust,
      at,
      news: fc.boolean(),
      root: fc.nat(1),
      opened: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      c: cust,
      at,
      type: fc.constantFrom('fund', 'gold', 'fx'),
    }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant('behaviour' as const),
    staff: who,
    day: fc.integer({ min: 0, max: 10 }),
    apply: fc.nat(6),
    chats: fc.nat(20),
    rate: fc.integer({ min: 0, max: 100 }),
  }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

let t: TestApp
let w: Awaited<ReturnType<typeof processWorld>>
let cifs: string[]
let roots: { id: number; topic: string }[]
let run = 0

beforeAll(async () => {
  t = await startTestApp()
  t.setNow(NOW)
  const db = t.ctx.db.kysely
  w = await processWorld(db)
  const staff = [w.alice, w.bob, w.carol]
  cifs = []
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = await insertCrmCustomer(db, piiOf(t.ctx.config), w.west.id, {
      owner_staff_id: staff[i % 3]!.id,
      has_account: i === 5 ? 0 : 1,
      segment: i % 2 ? 'wealth' : 'private',
    })
    cifs.push(c.cif_no)
  }
  roots = []
  for (const topic of ['fund', 'gold']) {
    const stamp = NOW.toISOString()
    const row = await db
      .insertInto('content_items')
      .values({
        kind: 'article',
        title: `${topic} 周报`,
        body: '正文',
        topic,
        status: 'approved',
        author_staff_id: w.middle.id,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('content_items')
      .set({ root_id: Number(row.id) })
      .where('id', '=', Number(row.id))
      .execute()
    roots.push({ id: Number(row.id), topic })
  }
}, 120_000)
afterAll(async () => {
  await t.close()
})

const iso = (ms: number) => new Date(ms).toISOString()

/** Writes the history through the tables the product writes, and returns what an oracle needs. */
async function apply(ops: Op[]) {
  const db = t.ctx.db.kysely
  for (const table of [
    'events',
    'staff_daily',
    'ref_daily',
    'behavior_daily',
    'content_sends',
    'purchases',
    'bindings',
    'verifications',
    'wecom_contacts',
  ] as const)
    await db.deleteFrom(table).execute()
  await refreshDashboardRollups(db)
  run++
  const staff = [w.alice, w.bob, w.carol]
  const ext = (c: number) => `wmP${c}xxxxxxxxxxxx`
  const bound = new Set<number>()
  const sends: { id: string; c: number; root: number; at: number; news: boolean }[] = []
  const purchases: { c: number; type: string; at: number }[] = []
  let seq = 0
  for (const o of ops) {
    seq++
    if (o.kind === 'add') {
      await db
        .insertInto('wecom_contacts')
        .values({
          staff_userid: staff[o.staff]!.wecom_userid,
          external_userid: ext(o.c),
          name: `客户${o.c}`,
          avatar: '',
          type: 1,
          corp_name: null,
          gender: 1,
          add_time: iso(o.at),
          add_way: o.addWay,
          state: null,
          remark: null,
          deleted_at: null,
          deleted_by: null,
          updated_at: iso(o.at),
        })
        .onConflict((oc) => oc.columns(['staff_userid', 'external_userid']).doNothing())
        .execute()
    } else if (o.kind === 'link' || o.kind === 'app') {
      const userid = staff[o.staff]!.wecom_userid
      const province = o.outside ? '广东' : '浙江'
      const verifyAt =
        o.kind === 'link' && o.openAfter !== null && o.verifyAfter !== null
          ? o.at + (o.openAfter + o.verifyAfter) * HOUR
          : o.kind === 'app'
            ? o.at
            : null
      if (o.kind === 'link') {
        const id = `v${run}-${seq}`
        const opened = o.openAfter === null ? null : iso(o.at + o.openAfter * HOUR)
        const verified = verifyAt !== null && !bound.has(o.c) && verifyAt <= NOW.getTime()
        await db
          .insertInto('verifications')
          .values({
            id,
            token_hash: id,
            staff_userid: userid,
            external_userid: ext(o.c),
            status: verified ? 'verified' : opened ? 'opened' : 'sent',
            created_at: iso(o.at),
            expires_at: iso(o.at + 24 * HOUR),
            sent_at: iso(o.at),
            opened_at: opened,
            verified_at: verified ? iso(verifyAt!) : null,
            ip_province: province,
            identity_attempts: 0,
            code_attempts: 0,
          } as never)
          .execute()
        if (verified) {
          bound.add(o.c)
          await db
            .insertInto('bindings')
            .values({
              external_userid: ext(o.c),
              cif_no: cifs[o.c]!,
              staff_userid: userid,
              verified_at: iso(verifyAt!),
              method: 'link',
              verification_id: id,
              ip_province: province,
            })
            .execute()
        }
      } else if (!bound.has(o.c)) {
        bound.add(o.c)
        await db
          .insertInto('bindings')
          .values({
            external_userid: ext(o.c),
            cif_no: cifs[o.c]!,
            staff_userid: userid,
            verified_at: iso(o.at),
            method: 'app',
            verification_id: null,
            ip_province: province,
          })
          .execute()
      }
    } else if (o.kind === 'delete') {
      await db
        .updateTable('wecom_contacts')
        .set({ deleted_at: iso(o.at), deleted_by: 'customer' })
        .where('staff_userid', '=', staff[o.staff]!.wecom_userid)
        .where('external_userid', '=', ext(o.c))
        .execute()
    } else if (o.kind === 'send') {
      const id = `s${run}-${seq}`
      const root = roots[o.root]!.id
      await db
        .insertInto('content_sends')
        .values({
          id,
          item_id: root,
          root_id: root,
          staff_userid: staff[o.staff]!.wecom_userid,
          external_userid: ext(o.c),
          chat_id: null,
          msgtype: o.news ? 'news' : 'text',
          text: null,
          edit_diff: null,
          findings: '[]',
          created_at: iso(o.at),
          sent_at: iso(o.at),
        })
        .execute()
      await appendEvent(db, {
        type: 'content_sent',
        staffUserid: staff[o.staff]!.wecom_userid,
        externalUserid: ext(o.c),
        refId: id,
        occurredAt: new Date(o.at),
        source: 'sidebar',
        payload: { rootId: root },
      })
      if (o.news && o.opened)
        for (const device of ['a', 'b'])
          await appendEvent(db, {
            type: 'content_opened',
            staffUserid: staff[o.staff]!.wecom_userid,
            externalUserid: ext(o.c),
            refId: id,
            occurredAt: new Date(o.at + HOUR),
            source: 'public',
            dedupeKey: `o${id}${device}`,
            payload: { rootId: root },
          })
      sends.push({ id, c: o.c, root: o.root, at: o.at, news: o.news })
    } else if (o.kind === 'purchase') {
      await db
        .insertInto('purchases')
        .values({
          purchase_no: `p${run}-${seq}`,
          cif_no: cifs[o.c]!,
          product_type: o.type,
          product_code: 'X',
          product_name: 'X',
          amount_cents: 100,
          purchased_at: iso(o.at),
          staff_id: null,
          channel: 'app',
        } as never)
        .execute()
      purchases.push({ c: o.c, type: o.type, at: o.at })
    } else {
      const day = iso(T0 + o.day * 24 * HOUR).slice(0, 10)
      await db
        .insertInto('behavior_daily')
        .values({
          staff_userid: staff[o.staff]!.wecom_userid,
          day,
          new_apply_cnt: o.apply,
          new_contact_cnt: 0,
          chat_cnt: o.chats,
          message_cnt: o.chats,
          reply_percentage: o.chats ? o.rate : null,
          avg_reply_time: o.chats ? 5 : null,
          negative_feedback_cnt: 0,
          synced_at: NOW.toISOString(),
        })
        .onConflict((oc) => oc.columns(['staff_userid', 'day']).doNothing())
        .execute()
    }
  }
  await refreshRollups(db)
  await refreshDashboardRollups(db)
  return { sends: sends.filter((s) => bound.has(s.c)), purchases }
}

/** The attribution rule written out independently: each purchase → the last tracked matching send within 14 days. */
function oracleCredits(
  sends: { id: string; c: number; root: number; at: number; news: boolean }[],
  purchases: { c: number; type: string; at: number }[],
) {
  const first = new Map<string, { c: number; type: string; at: number }>()
  for (const p of purchases) {
    const key = `${p.c}|${p.type}|${new Date(p.at + 8 * HOUR).toISOString().slice(0, 10)}`
    if (!first.has(key) || first.get(key)!.at > p.at) first.set(key, p)
  }
  const credited = new Map<string, number>()
  for (const p of first.values()) {
    const last = sends
      .filter(
        (s) =>
          s.news && s.c === p.c && roots[s.root]!.topic === p.type && s.at <= p.at && s.at >= p.at - 14 * 24 * HOUR,
      )
      .sort((a, b) => b.at - a.at || b.id.localeCompare(a.id))[0]
    if (last) credited.set(last.id, (credited.get(last.id) ?? 0) + 1)
  }
  return credited
}

const QUERIES: DashboardQueryT[] = [
  { period: 'month', date: '2026-10-28' },
  { period: 'month', date: '2026-11-03' },
  { period: 'week', date: '2026-10-28' },
  { period: 'week', date: '2026-11-04' },
  { period: 'day', date: '2026-11-01' },
]

describe('metric invariants over random histories', () => {
  it('when any history of adds, requests, links, opens, verifications, deletions, sends and purchases is read, then every metric of every period and scope is sane, adds up, and agrees across dashboard, XLSX and bulletin', async () => {
    const boss = {
      id: w.boss.id,
      userid: w.boss.wecom_userid,
      name: w.boss.name,
      role: 'supervisor' as const,
      branchId: w.branch.id,
    }
    const seen = { credited: 0, links: 0, flagged: 0 }
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), async (ops) => {
        const { sends, purchases } = await apply(ops)
        const credited = oracleCredits(sends, purchases)
        seen.credited += credited.size
        for (const q of QUERIES) {
          const { view, results } = await checkView(t.ctx, boss, q)
          seen.links += view.total.numbers.linksSent
          seen.flagged += view.total.eligible.outOfProvinceFlagged
          await checkView(t.ctx, boss, { ...q, branchId: w.west.id })
          // One purchase, one send: the dashboard's conversions are the oracle's, item by item.
          const { from, to } = results.period
          const inPeriod = (ms: number) => {
            const day = new Date(ms + 8 * HOUR).toISOString().slice(0, 10)
            return day >= from && day <= to
          }
          for (const r of roots) {
            const expected = sends
              .filter((s) => s.root === roots.indexOf(r) && inPeriod(s.at))
              .reduce((a, s) => a + (credited.get(s.id) ?? 0), 0)
            expect(
              results.content.find((c) => c.ref === `content:${r.id}`)?.conversions ?? 0,
              `conversions of ${r.topic} ${from}`,
            ).toBe(expected)
          }
        }
        const total = [...credited.values()].reduce((a, n) => a + n, 0)
        const page = await contentResults(t.ctx, 60)
        expect(
          page.items.reduce((a, i) => a + i.conversions, 0),
          'content page = same rule',
        ).toBe(total)
      }),
      { numRuns: 12 },
    )
    // The histories reach the interesting cases: credited purchases, links, flagged adds.
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true)
  }, 600_000)

  it('when a bound customer got two tracked sends and a text, then bought, then only the last tracked send is credited, on the dashboard and the content page alike', async () => {
    const t0 = Date.parse('2026-11-02T02:00:00Z')
    const { sends, purchases } = await apply([
      { kind: 'app', staff: 0, c: 1, at: t0 - HOUR, outside: false },
      { kind: 'send', staff: 0, c: 1, at: t0, news: true, root: 0, opened: true },
      { kind: 'send', staff: 0, c: 1, at: t0 + HOUR, news: true, root: 0, opened: false },
      { kind: 'send', staff: 0, c: 1, at: t0 + 2 * HOUR, news: false, root: 0, opened: false },
      { kind: 'purchase', c: 1, at: t0 + 3 * HOUR, type: 'fund' },
    ])
    expect([...oracleCredits(sends, purchases)]).toEqual([[sends[1]!.id, 1]])
    const boss = {
      id: w.boss.id,
      userid: w.boss.wecom_userid,
      name: w.boss.name,
      role: 'supervisor' as const,
      branchId: w.branch.id,
    }
    const { results } = await checkView(t.ctx, boss, { period: 'week', date: '2026-11-02' })
    expect(results.content.find((c) => c.ref === `content:${roots[0]!.id}`)).toMatchObject({
      sent: 3,
      trackable: 2,
      opened: 1,
      openRate: 50,
      conversions: 1,
    })
    expect((await contentResults(t.ctx, 30)).items[0]).toMatchObject({ sends: 3, conversions: 1, openRate: 0.5 })
  })

  it('when verifications of a month arrive in any order of provinces, then exactly the excess over 20% is flagged and a counted one never flips', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (outside) => {
        let prevCounted = new Set<number>()
        for (let n = 1; n <= outside.length; n++) {
          const counted = new Set<number>()
          let before = 0
          for (let i = 0; i < n; i++) {
            if (!outside[i]) continue
            if (!isOutOfProvinceExcess(before, n)) counted.add(i)
            before++
          }
          expect(counted.size).toBe(Math.min(before, outOfProvinceAllowance(n)))
          expect(counted.size).toBeLessThanOrEqual(n * 0.2)
          for (const i of prevCounted) expect(counted.has(i)).toBe(true)
          prevCounted = counted
        }
      }),
    )
  })
})
