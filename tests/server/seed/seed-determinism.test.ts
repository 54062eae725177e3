import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetSeededTables } from '../../../server/features/seed/reset.js'
import { isSeeded, seedDemoBank } from '../../../server/features/seed/seed.js'
import { TEST_PII } from '../support/pii.js'
import { createTestDb, type TestDb } from '../support/test-db.js'
import { contentHash, NOW, seededTestDb } from './seeded-db.js'

describe('seedDemoBank determinism', () => {
  const dbs: TestDb[] = []
  let first: TestDb
  let firstHash: string
  beforeAll(async () => {
    first = await seededTestDb()
    dbs.push(first)
    firstHash = await contentHash(first)
  })
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()))
  })

  it('when the same seed and now are used twice, then every seeded table is identical', async () => {
    const second = await seededTestDb()
    dbs.push(second)
    expect(await contentHash(second)).toBe(firstHash)
  })

  it('when the seed differs, then the data differs', async () => {
    const other = await seededTestDb({ seed: 7 })
    dbs.push(other)
    expect(await contentHash(other)).not.toBe(firstHash)
  })

  it('when the seeded tables are reset and seeded again, then the content (ids included) matches a fresh seed', async () => {
    const testDb = await seededTestDb({ seed: 99 })
    dbs.push(testDb)
    await resetSeededTables(testDb.db)
    expect(await isSeeded(testDb.db)).toBe(false)
    expect(await testDb.db.kysely.selectFrom('events').select('id').executeTakeFirst()).toBeUndefined()
    await seedDemoBank(testDb.db, { now: NOW, pii: TEST_PII, customers: 2000 })
    expect(await contentHash(testDb)).toBe(firstHash)
  })

  it('when the database is empty, then isSeeded is false, and true after seeding', async () => {
    const testDb = await createTestDb()
    dbs.push(testDb)
    expect(await isSeeded(testDb.db)).toBe(false)
    const summary = await seedDemoBank(testDb.db, { now: NOW, pii: TEST_PII, customers: 1000 })
    expect(await isSeeded(testDb.db)).toBe(true)
    const customers = await testDb.db.kysely
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(customers.n)).toBe(1000)
    expect(summary).toMatchObject({ branches: 16, customers: 1000 })
    expect(summary.holdings).toBeGreaterThan(1000)
  })
})
