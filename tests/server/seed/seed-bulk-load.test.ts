import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoBank } from '../../../server/features/seed/seed.js'
import { TEST_PII } from '../support/pii.js'
import { createTestDb, type TestDb } from '../support/test-db.js'
import { contentHash, NOW } from './seeded-db.js'

/** Every derived table the rollup marks feed, in a stable order, plus what is left to judge. */
async function rollupState(testDb: TestDb) {
  const k = testDb.db.kysely
  return {
    verdicts: await k.selectFrom('add_verdicts').selectAll().orderBy('relation_id').execute(),
    coverage: await k.selectFrom('staff_coverage').selectAll().orderBy('staff_id').orderBy('segment').execute(),
    staffDaily: await k
      .selectFrom('staff_daily')
      .selectAll()
      .orderBy('day')
      .orderBy('staff_userid')
      .orderBy('metric')
      .execute(),
    dirty: await k.selectFrom('rollup_dirty').select(['kind', 'key']).execute(),
  }
}

async function rollupTriggerCount(testDb: TestDb): Promise<number> {
  const q =
    testDb.db.dialect === 'postgres'
      ? sql<{ n: number }>`select count(*) as n from pg_trigger where tgname like '%rollup%' and tgenabled <> 'D'`
      : sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'trigger' and name like '%rollup%'`
  return Number((await q.execute(testDb.db.kysely)).rows[0]!.n)
}

describe('seedDemoBank with the rollup triggers suspended during the bulk load', () => {
  const dbs: TestDb[] = []
  let bulk: TestDb
  let perRow: TestDb
  let triggersBefore: number
  beforeAll(async () => {
    ;[bulk, perRow] = await Promise.all([createTestDb(), createTestDb()])
    dbs.push(bulk, perRow)
    triggersBefore = await rollupTriggerCount(bulk)
    await seedDemoBank(bulk.db, { now: NOW, pii: TEST_PII, customers: 1500 })
    await seedDemoBank(perRow.db, { now: NOW, pii: TEST_PII, customers: 1500, rollupMarks: 'per-row' })
  }, 120_000)
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()))
  })

  it('when seeded in bulk, then the seeded tables are identical to a seed that marked row by row', async () => {
    expect(await contentHash(bulk)).toBe(await contentHash(perRow))
  })

  it('when seeded in bulk, then verdicts, coverage and daily rollups equal the row-by-row ones and nothing is left to judge', async () => {
    const [a, b] = [await rollupState(bulk), await rollupState(perRow)]
    expect(a.verdicts.length).toBeGreaterThan(100)
    expect(a.coverage.length).toBeGreaterThan(0)
    expect(a).toEqual(b)
    expect(a.dirty).toEqual([])
  })

  it('when the bulk seed is done, then every rollup trigger is back and marks the next write', async () => {
    expect(triggersBefore).toBeGreaterThan(0)
    expect(await rollupTriggerCount(bulk)).toBe(triggersBefore)
    const staff = await bulk.db.kysely.selectFrom('staff').select('id').limit(1).executeTakeFirstOrThrow()
    const customer = await bulk.db.kysely.selectFrom('customers').select('cif_no').limit(1).executeTakeFirstOrThrow()
    await bulk.db.kysely
      .updateTable('customers')
      .set({ owner_staff_id: staff.id })
      .where('cif_no', '=', customer.cif_no)
      .execute()
    const marks = await bulk.db.kysely.selectFrom('rollup_dirty').select(['kind', 'key']).execute()
    expect(marks).toContainEqual({ kind: 'customer', key: customer.cif_no })
  })
})
