import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  rebuildDashboardRollups,
  refreshDashboardRollups,
} from '../../../server/features/process/rollups/dashboard-rollups.js'
import { markEverythingDirty } from '../../../server/features/process/rollups/rollup-triggers.repository.js'
import { rebuildRollups, refreshRollups } from '../../../server/features/process/rollups/rollups.service.js'
import type { TestDb } from '../support/test-db.js'
import { seededTestDb } from './seeded-db.js'

// Every rollup the seed's refreshes write, in key order.
const ROLLUPS = {
  staff_daily: ['staff_userid', 'day', 'metric'],
  ref_daily: ['ref_id', 'day', 'metric'],
  add_verdicts: ['relation_id'],
  staff_coverage: ['staff_id', 'segment'],
} as const

async function rollupsOf(testDb: TestDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const [table, keys] of Object.entries(ROLLUPS)) {
    let query = testDb.db.kysely.selectFrom(table as keyof typeof ROLLUPS).selectAll()
    for (const key of keys) query = query.orderBy(key as never)
    out[table] = (await query.execute()).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    )
  }
  return out
}

const count = async (testDb: TestDb, table: 'rollup_dirty' | 'events', unrolledOnly = false) => {
  let query = testDb.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
  if (unrolledOnly) query = query.where('rolled_up' as never, '=', 0 as never)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

describe('the seed refreshes its rollups inside its own transaction', () => {
  let testDb: TestDb
  beforeAll(async () => {
    // 2,000 customers: thousands of events and marks, so the refreshes read on from a cursor over many batches.
    testDb = await seededTestDb()
  }, 300_000)
  afterAll(async () => {
    await testDb.drop()
  })

  it('when the demo bank is seeded, then no event is left unrolled and no mark is left to judge', async () => {
    expect(await count(testDb, 'events')).toBeGreaterThan(1000)
    expect(await count(testDb, 'events', true)).toBe(0)
    expect(await count(testDb, 'rollup_dirty')).toBe(0)
  })

  it('when every rollup is rebuilt from the start outside any transaction, then events, verdicts and coverage stay exactly as the seed wrote them', async () => {
    const seeded = await rollupsOf(testDb)
    expect(seeded.add_verdicts!.length).toBeGreaterThan(500)
    expect(seeded.staff_coverage!.length).toBeGreaterThan(0)
    await rebuildRollups(testDb.db.kysely)
    await rebuildDashboardRollups(testDb.db.kysely)
    expect(await rollupsOf(testDb)).toEqual(seeded)
  }, 300_000)

  it('when every event is folded again inside one transaction in small batches, then each counts exactly once', async () => {
    const db = testDb.db.kysely
    const before = await rollupsOf(testDb)
    const events = await count(testDb, 'events')
    const applied = await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('staff_daily').execute()
      await trx.deleteFrom('ref_daily').execute()
      await trx.updateTable('events').set({ rolled_up: 0 }).execute()
      // 7 does not divide the event count (checked below): the last batch from the cursor is a short one.
      return refreshRollups(trx, { batchSize: 7 })
    })
    expect(events % 7).not.toBe(0)
    expect(applied).toBe(events)
    expect(await count(testDb, 'events', true)).toBe(0)
    expect(await rollupsOf(testDb)).toEqual(before)
  }, 300_000)
  it('when every relation is judged again inside one transaction in batches of 50 marks, then verdicts and coverage come out the same', async () => {
    const db = testDb.db.kysely
    const before = await rollupsOf(testDb)
    const outcome = await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('add_verdicts').execute()
      await trx.deleteFrom('staff_coverage').execute()
      await markEverythingDirty(trx)
      return refreshDashboardRollups(trx, { marksPerBatch: 50 })
    })
    // Contacts and customers leave owner marks, also behind the cursor: all of them judged before the call returns.
    expect(outcome.marks).toBeGreaterThan(50 * 10)
    expect(outcome.pending).toBe(false)
    expect(await count(testDb, 'rollup_dirty')).toBe(0)
    expect(await rollupsOf(testDb)).toEqual(before)
  }, 300_000)
})
