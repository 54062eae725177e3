import fc from 'fast-check'
import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import { appendEvent } from '../../../server/features/events/index.js'
import { refreshDashboardRollups } from '../../../server/features/process/rollups/dashboard-rollups.js'
import { refreshRollups } from '../../../server/features/process/rollups/rollups.service.js'
import { applyTakeover } from '../../../server/features/handover/takeover.js'

export const NOW = new Date('2026-11-07T04:00:00Z')
// Around the Beijing month boundary (2026-10-31T16:00Z) on purpose.
const T0 = Date.parse('2026-10-27T00:00:00Z')
const T1 = Date.parse('2026-11-06T00:00:00Z')
export const HOUR = 3600_000
export const CUSTOMERS = 4
const at = fc.integer({ min: T0, max: T1 })
// Two of the three managers act, so the same manager often adds and verifies the same customer.
const who = fc.integer({ min: 0, max: 1 })
const cust = fc.integer({ min: 0, max: CUSTOMERS - 1 })

export const op = fc.oneof(
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
  // 在职转接 taken over: the relation moves to the other manager (继承), as the handover feature applies it.
  fc.record({ kind: fc.constant('handover' as const), staff: who, c: cust, at }),
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
export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

/** The fixed cast the random histories play with: managers, customers (one per index) and two content items. */
export interface HistoryWorld {
  db: Kysely<Database>
  staff: { wecom_userid: string }[]
  cifs: string[]
  roots: { id: number; topic: string }[]
  run: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Writes the history through the tables the product writes, and returns what an oracle needs. */
export async function applyHistory(h: HistoryWorld, ops: Op[]) {
  const { db, staff, cifs, roots } = h
  const run = ++h.run
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
    'relation_owners',
  ] as const)
    await db.deleteFrom(table).execute()
  await refreshDashboardRollups(db)
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
    } else if (o.kind === 'handover') {
      const from = staff[o.staff]!.wecom_userid
      await db.transaction().execute((trx) =>
        applyTakeover(
          trx,
          {
            id: -seq,
            kind: 'onjob',
            handover_userid: from,
            takeover_userid: staff[1 - o.staff]!.wecom_userid,
            external_userid: ext(o.c),
            status: 'accepted',
            errcode: null,
            takeover_at: iso(o.at),
            message: null,
            requested_by: 'test',
            requested_at: iso(o.at - 24 * HOUR),
            checked_at: null,
            applied_at: null,
          },
          iso(o.at),
        ),
      )
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
export function oracleCredits(
  roots: HistoryWorld['roots'],
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
