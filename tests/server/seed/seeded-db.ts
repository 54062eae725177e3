import { createHash } from 'node:crypto'
import { SEEDED_TABLES } from '../../../server/features/seed/reset.js'
import { seedDemoBank } from '../../../server/features/seed/seed.js'
import { TEST_PII } from '../support/pii.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

export const NOW = new Date('2026-11-23T02:00:00.000Z')

const PRIMARY_KEYS: Record<(typeof SEEDED_TABLES)[number], string[]> = {
  branches: ['id'],
  staff: ['id'],
  corp_tags: ['tag_id'],
  customers: ['cif_no'],
  holdings: ['id'],
  sim_people: ['external_userid'],
  sim_follows: ['userid', 'external_userid'],
  wecom_contacts: ['id'],
  contact_tags: ['staff_userid', 'external_userid', 'tag_id'],
  bindings: ['id'],
  events: ['id'],
}

/** A fresh test database holding a small demo bank. */
export async function seededTestDb(opts: { seed?: number; customers?: number } = {}): Promise<TestDb> {
  const testDb = await createTestDb()
  await seedDemoBank(testDb.db, { now: NOW, pii: TEST_PII, customers: 2000, ...opts })
  return testDb
}

/** SHA-256 over every seeded table's rows in primary-key order. */
export async function contentHash(testDb: TestDb): Promise<string> {
  const hash = createHash('sha256')
  for (const table of SEEDED_TABLES) {
    let query = testDb.db.kysely.selectFrom(table).selectAll()
    for (const column of PRIMARY_KEYS[table]) query = query.orderBy(column as never)
    const rows = await query.execute()
    hash.update(`${table}:${JSON.stringify(rows)}\n`)
  }
  return hash.digest('hex')
}
