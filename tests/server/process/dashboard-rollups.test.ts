import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../server/db/database.js'
import { countCoverage } from '../../../server/features/process/dashboard/coverage.js'
import { judgeRelations } from '../../../server/features/process/dashboard/eligibility.js'
import {
  rebuildDashboardRollups,
  refreshDashboardRollups,
} from '../../../server/features/process/rollups/dashboard-rollups.js'
import { applyTakeover } from '../../../server/features/handover/takeover.js'
import { seededTestDb } from '../seed/seeded-db.js'
import type { TestDb } from '../support/test-db.js'

/**
 * The dashboard reads verdicts and coverage kept current from the triggers' marks. Whatever is written,
 * and by whom, what the rollups hold must equal judging everything again from scratch.
 */
let t: TestDb
let db: Kysely<Database>
beforeAll(async () => {
  t = await seededTestDb({ customers: 1500 })
  db = t.db.kysely
})
afterAll(async () => {
  await t.drop()
})

async function fromScratch() {
  const relations = await db
    .selectFrom('wecom_contacts')
    .select(['id', 'staff_userid', 'external_userid', 'add_time', 'type', 'corp_name', 'added_by'])
    .execute()
  const verdicts = (await judgeRelations(db, relations))
    .map((v) => ({ ...v, relation_id: Number(v.relation_id) }))
    .sort((a, b) => a.relation_id - b.relation_id)
  const owners = (await db.selectFrom('staff').select('id').execute()).map((s) => s.id)
  // Members without customers have no rows, or rows of zeros once their last customer left.
  const coverage = (await countCoverage(db, owners))
    .filter((c) => c.owned > 0)
    .sort((a, b) => `${a.staff_id}${a.segment}`.localeCompare(`${b.staff_id}${b.segment}`))
  return { verdicts, coverage }
}

async function stored() {
  const verdicts = (await db.selectFrom('add_verdicts').selectAll().execute())
    .map((v) => ({
      ...v,
      relation_id: Number(v.relation_id),
      peer_bank: Number(v.peer_bank),
      several_staff: Number(v.several_staff),
      burst: Number(v.burst),
      base_ok: Number(v.base_ok),
    }))
    .sort((a, b) => a.relation_id - b.relation_id)
  const coverage = (await db.selectFrom('staff_coverage').selectAll().execute())
    .map((c) => ({ ...c, owned: Number(c.owned), covered: Number(c.covered) }))
    .filter((c) => c.owned > 0)
    .sort((a, b) => `${a.staff_id}${a.segment}`.localeCompare(`${b.staff_id}${b.segment}`))
  return { verdicts, coverage }
}

async function expectCurrent() {
  const outcome = await refreshDashboardRollups(db)
  expect(outcome.pending).toBe(false)
  expect(await db.selectFrom('rollup_dirty').selectAll().execute()).toEqual([])
  expect(await stored()).toEqual(await fromScratch())
}

const front = () =>
  db
    .selectFrom('staff')
    .select(['id', 'wecom_userid'])
    .where('role', '=', 'front')
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString()

describe('dashboard rollups (add verdicts and coverage)', () => {
  it('after the seed, what is stored equals judging every relation from scratch', async () => {
    const verdicts = await db
      .selectFrom('add_verdicts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const relations = await db
      .selectFrom('wecom_contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(verdicts.n)).toBe(Number(relations.n))
    expect(Number(relations.n)).toBeGreaterThan(300)
    await expectCurrent()
  })

  it("when a contact is bound to a customer, then its relations, the customer's other identities and the owner's coverage follow", async () => {
    const bound = await db
      .selectFrom('bindings')
      .innerJoin('customers', 'customers.cif_no', 'bindings.cif_no')
      .select(['bindings.cif_no', 'customers.owner_staff_id'])
      .where('customers.owner_staff_id', 'is not', null)
      .orderBy('bindings.id')
      .executeTakeFirstOrThrow()
    const owner = await db
      .selectFrom('staff')
      .select('wecom_userid')
      .where('id', '=', bound.owner_staff_id!)
      .executeTakeFirstOrThrow()
    // The owner adds a second WeChat identity of the customer, earlier than every other add, then it is verified.
    await db
      .insertInto('wecom_contacts')
      .values({
        staff_userid: owner.wecom_userid!,
        external_userid: 'wmROLLUPsecondidentity',
        name: '新身份',
        avatar: '',
        type: 1,
        corp_name: null,
        gender: 1,
        add_time: '2020-01-01T00:00:00.000Z',
        add_way: 1,
        state: null,
        remark: null,
        deleted_at: null,
        deleted_by: null,
        updated_at: '2020-01-01T00:00:00.000Z',
      })
      .execute()
    await db
      .insertInto('bindings')
      .values({
        external_userid: 'wmROLLUPsecondidentity',
        cif_no: bound.cif_no,
        staff_userid: owner.wecom_userid!,
        verified_at: '2026-11-22T00:00:00.000Z',
        method: 'link',
        verification_id: null,
        ip_province: null,
      })
      .execute()
    await expectCurrent()
    const mine = await db
      .selectFrom('add_verdicts')
      .selectAll()
      .where('external_userid', '=', 'wmROLLUPsecondidentity')
      .executeTakeFirstOrThrow()
    expect([mine.verified, mine.first_add, mine.in_book]).toEqual(['pass', 'pass', 'pass'])
  })

  it('when a member adds ten contacts within half an hour, then every one of them, the earlier ones included, is flagged as a burst', async () => {
    const [member] = await front()
    const start = '2026-11-20T02:00:00.000Z'
    for (let i = 0; i < 10; i++) {
      await db
        .insertInto('wecom_contacts')
        .values({
          staff_userid: member!.wecom_userid!,
          external_userid: `wmROLLUPburst${i}`,
          name: `批量${i}`,
          avatar: '',
          type: 1,
          corp_name: null,
          gender: 1,
          add_time: minutes(start, i * 2),
          add_way: 1,
          state: null,
          remark: null,
          deleted_at: null,
          deleted_by: null,
          updated_at: start,
        })
        .execute()
      // Refreshing between adds is what a dashboard open during the burst does.
      if (i === 4) await refreshDashboardRollups(db)
    }
    await expectCurrent()
    const burst = await db
      .selectFrom('add_verdicts')
      .select('burst')
      .where('external_userid', 'like', 'wmROLLUPburst%')
      .execute()
    expect(burst.map((b) => Number(b.burst))).toEqual(Array(10).fill(1))
  })

  it("when the CRM moves customers to another owner, changes an account and a segment, then verdicts and both owners' coverage follow", async () => {
    const [a, b] = await front()
    const moved = await db
      .selectFrom('bindings')
      .innerJoin('customers', 'customers.cif_no', 'bindings.cif_no')
      .select('customers.cif_no')
      .where('customers.owner_staff_id', '=', a!.id)
      .limit(3)
      .execute()
    expect(moved.length).toBeGreaterThan(0)
    await db
      .updateTable('customers')
      .set({ owner_staff_id: b!.id })
      .where(
        'cif_no',
        'in',
        moved.map((m) => m.cif_no),
      )
      .execute()
    const other = await db.selectFrom('bindings').select('cif_no').orderBy('id', 'desc').executeTakeFirstOrThrow()
    await db
      .updateTable('customers')
      .set({ has_account: 0, segment: 'vip' })
      .where('cif_no', '=', other.cif_no)
      .execute()
    await expectCurrent()
  })

  it("when a binding is removed (erasure) or a relation deleted, then the customer's other identities are judged again", async () => {
    const shared = await db
      .selectFrom('bindings')
      .select(['cif_no', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('cif_no')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .executeTakeFirst()
    const victim =
      (await db
        .selectFrom('bindings')
        .select('external_userid')
        .where('cif_no', '=', shared?.cif_no ?? '')
        .orderBy('verified_at')
        .executeTakeFirst()) ??
      (await db.selectFrom('bindings').select('external_userid').orderBy('id').executeTakeFirstOrThrow())
    await db.deleteFrom('bindings').where('external_userid', '=', victim.external_userid).execute()
    const live = await db
      .selectFrom('wecom_contacts')
      .select('id')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('wecom_contacts')
      .set({ deleted_at: '2026-11-22T00:00:00.000Z', deleted_by: 'staff' })
      .where('id', '=', live.id)
      .execute()
    await expectCurrent()
  })

  it('when a burst of adds is handed over (继承), then the successor is judged with burst 0 and the same first-add verdicts, and stored equals from scratch', async () => {
    const [from, to] = await front()
    const mine = await db
      .selectFrom('wecom_contacts')
      .select(['id', 'external_userid'])
      .where('staff_userid', '=', from!.wecom_userid!)
      .where('deleted_by', 'is', null)
      .orderBy('id')
      .limit(12)
      .execute()
    for (const [i, r] of mine.entries())
      await db
        .updateTable('wecom_contacts')
        .set({ add_time: minutes('2026-11-20T02:00:00.000Z', i) })
        .where('id', '=', r.id)
        .execute()
    await expectCurrent()
    const ids = mine.map((r) => Number(r.id))
    const before = await db
      .selectFrom('add_verdicts')
      .select(['relation_id', 'first_add', 'burst'])
      .where('relation_id', 'in', ids)
      .execute()
    expect(before.every((v) => Number(v.burst) === 1)).toBe(true)
    for (const r of mine)
      await db.transaction().execute((trx) =>
        applyTakeover(
          trx,
          {
            id: -Number(r.id),
            kind: 'onjob',
            handover_userid: from!.wecom_userid!,
            takeover_userid: to!.wecom_userid!,
            external_userid: r.external_userid,
            status: 'accepted',
            errcode: null,
            takeover_at: '2026-11-25T02:00:00.000Z',
            message: null,
            requested_by: 'test',
            requested_at: '2026-11-24T02:00:00.000Z',
            checked_at: null,
            applied_at: null,
          },
          '2026-11-25T02:00:00.000Z',
        ),
      )
    await expectCurrent()
    const after = await db
      .selectFrom('add_verdicts')
      .select(['relation_id', 'staff_userid', 'first_add', 'burst'])
      .where('relation_id', 'in', ids)
      .execute()
    const moved = after.filter((v) => v.staff_userid === to!.wecom_userid)
    expect(moved.length).toBeGreaterThan(0)
    for (const v of moved) {
      expect(Number(v.burst)).toBe(0)
      expect(v.first_add).toBe(before.find((b) => b.relation_id === v.relation_id)!.first_add)
    }
  })

  it('when the rollups are rebuilt (npm run sync -- --rebuild), then rows that had gone wrong are judged again', async () => {
    await db.updateTable('add_verdicts').set({ base_ok: 1, verified: 'pass' }).execute()
    await db.deleteFrom('staff_coverage').where('segment', '=', 'private').execute()
    const outcome = await rebuildDashboardRollups(db)
    expect(outcome.relations).toBeGreaterThan(300)
    await expectCurrent()
  })

  it('when a refresh is cut short, then the marks it did not reach stay and the next one finishes the work', async () => {
    // A CRM import touching every customer: more marks than one batch takes.
    await db.updateTable('customers').set({ has_account: 1 }).execute()
    const first = await refreshDashboardRollups(db, { maxBatches: 1 })
    expect(first.pending).toBe(true)
    expect((await db.selectFrom('rollup_dirty').selectAll().execute()).length).toBeGreaterThan(0)
    await expectCurrent()
  })
})
