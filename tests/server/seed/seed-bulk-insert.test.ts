import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  foreignKeysOf,
  secondaryIndexes,
  withIndexesAndForeignKeysDeferred,
} from '../../../server/features/seed/bulk-load.repository.js'
import { bulkInsertRows, insertRows } from '../../../server/features/seed/insert.js'
import type { EventRow } from '../../../server/features/seed/rows.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

/** Text that an array literal, a JSON text or a CSV line would each have to escape. */
const AWKWARD = ['', 'NULL', 'null', '"quoted"', 'back\\slash', '{braces,comma}', '多行\n文本', "it's", '\t tab ']

function events(count: number): EventRow[] {
  return Array.from({ length: count }, (_, i) => ({
    type: i % 2 ? 'contact_added' : 'verified',
    staff_userid: `u${i % 7}`,
    external_userid: i % 5 ? `wm${i}` : null,
    ref_id: AWKWARD[i % AWKWARD.length]!,
    occurred_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    source: 'sync',
    dedupe_key: `k:${i}:${AWKWARD[(i + 3) % AWKWARD.length]}`,
    payload: JSON.stringify({ i, text: AWKWARD[i % AWKWARD.length] }),
  }))
}

describe('the seed bulk load', () => {
  let viaValues: TestDb
  let viaBulk: TestDb
  beforeAll(async () => {
    ;[viaValues, viaBulk] = await Promise.all([createTestDb(), createTestDb()])
  })
  afterAll(async () => {
    await Promise.all([viaValues.drop(), viaBulk.drop()])
  })

  const stored = (t: TestDb) => t.db.kysely.selectFrom('events').selectAll().orderBy('id').execute()

  it('when rows are bulk-inserted, then the stored rows, serial ids and awkward text included, equal a multi-row VALUES insert', async () => {
    const rows = events(12_345)
    await insertRows(viaValues.db.kysely, 'events', rows)
    await viaBulk.db.kysely.transaction().execute((trx) => bulkInsertRows(trx, viaBulk.db.dialect, 'events', rows))
    const [a, b] = [await stored(viaValues), await stored(viaBulk)]
    expect(b).toHaveLength(12_345)
    expect(b).toEqual(a)
  })

  it('when the rows do not all name the same columns, then they are stored as a multi-row VALUES insert stores them', async () => {
    const [first, second] = events(2).map((e, i) => ({ ...e, dedupe_key: `uneven:${i}` }))
    const { ref_id: _left, ...withoutRef } = second!
    const rows: EventRow[] = [
      { ...first!, rolled_up: 0 },
      { ...withoutRef, rolled_up: 1 },
    ]
    await insertRows(viaValues.db.kysely, 'events', rows)
    await bulkInsertRows(viaBulk.db.kysely, viaBulk.db.dialect, 'events', rows)
    const [a, b] = [await stored(viaValues), await stored(viaBulk)]
    expect(b.at(-1)).toMatchObject({ ref_id: null, rolled_up: 1 })
    expect(b).toEqual(a)
  })

  it('when a load runs with the secondary indexes deferred, then they are gone during it and the same after it', async () => {
    const { db } = viaBulk
    const before = await secondaryIndexes(db.kysely, db.dialect, 'events')
    expect(before.length).toBeGreaterThan(2)
    const during = await db.kysely
      .transaction()
      .execute((trx) =>
        withIndexesAndForeignKeysDeferred(trx, db.dialect, ['events'], () =>
          secondaryIndexes(trx, db.dialect, 'events'),
        ),
      )
    expect(during).toEqual([])
    expect(await secondaryIndexes(db.kysely, db.dialect, 'events')).toEqual(before)
  })

  it('when a load with the secondary indexes deferred fails, then the indexes are as they were', async () => {
    const { db } = viaBulk
    const before = await secondaryIndexes(db.kysely, db.dialect, 'events')
    const failing = db.kysely.transaction().execute((trx) =>
      withIndexesAndForeignKeysDeferred(trx, db.dialect, ['events'], async () => {
        await bulkInsertRows(
          trx,
          db.dialect,
          'events',
          events(10).map((e, i) => ({ ...e, dedupe_key: `failed-load:${i}` })),
        )
        throw new Error('load failed')
      }),
    )
    await expect(failing).rejects.toThrow('load failed')
    expect(await secondaryIndexes(db.kysely, db.dialect, 'events')).toEqual(before)
  })

  it('when a load runs with the foreign keys deferred on PostgreSQL, then they are gone during it and the same after it', async () => {
    const { db } = viaBulk
    const before = await foreignKeysOf(db.kysely, db.dialect, ['holdings', 'customers'])
    // SQLite checks each row as it goes in (foreign_keys = ON); there is nothing to defer.
    expect(before.length).toBe(db.dialect === 'postgres' ? 3 : 0)
    const during = await db.kysely
      .transaction()
      .execute((trx) =>
        withIndexesAndForeignKeysDeferred(trx, db.dialect, ['holdings', 'customers'], () =>
          foreignKeysOf(trx, db.dialect, ['holdings', 'customers']),
        ),
      )
    expect(during).toEqual([])
    expect(await foreignKeysOf(db.kysely, db.dialect, ['holdings', 'customers'])).toEqual(before)
  })

  it('when a deferred load writes a holding of a customer that does not exist, then the load fails and stores nothing', async () => {
    const { db } = viaBulk
    const before = await foreignKeysOf(db.kysely, db.dialect, ['holdings'])
    const failing = db.kysely
      .transaction()
      .execute((trx) =>
        withIndexesAndForeignKeysDeferred(trx, db.dialect, ['holdings'], () =>
          bulkInsertRows(trx, db.dialect, 'holdings', [
            { cif_no: 'C-NOBODY', product_type: 'time_deposit', amount_cents: 100, opened_at: '2026-01-01' },
          ]),
        ),
      )
    await expect(failing).rejects.toThrow(/foreign key/i)
    expect(await db.kysely.selectFrom('holdings').selectAll().execute()).toEqual([])
    expect(await foreignKeysOf(db.kysely, db.dialect, ['holdings'])).toEqual(before)
  })
})
