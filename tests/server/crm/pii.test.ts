import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/config.js'
import { rekeyCustomerPii } from '../../../server/features/crm/rekey.service.js'
import { matchCustomer } from '../../../server/features/verification/binding.js'
import { createPii, normalizeIdNo, normalizePhone } from '../../../server/lib/pii.js'
import { insertBranch, insertCustomer } from '../support/factories.js'
import { openCustomer, TEST_PII } from '../support/pii.js'
import { createTestDb, type TestDb } from '../support/test-db.js'
import { seededTestDb } from '../seed/seeded-db.js'

const key = (text: string) => Buffer.from(text.padEnd(32, '!').slice(0, 32)).toString('base64')
const demo = loadConfig({ DEMO: '1' }).pii

describe('PII sealing', () => {
  it('when phones and ID numbers are written differently, then they normalise to one matching hash', () => {
    expect(['138 0013 8000', '+86 138-0013-8000', '008613800138000'].map(normalizePhone)).toEqual(
      Array(3).fill('13800138000'),
    )
    expect(normalizePhone('12345678901')).toBeNull()
    expect(normalizeIdNo(' 33010619900101123x ')).toBe('33010619900101123X')
    expect(TEST_PII.hash('phone', '+86 13800138000')).toBe(TEST_PII.hash('phone', '13800138000'))
    expect(TEST_PII.hash('phone', '13800138000')).not.toBe(TEST_PII.hash('id_no', '13800138000'))
  })

  it('when a ciphertext is moved to another customer or field, then it does not decrypt', () => {
    const sealed = TEST_PII.encrypt('phone', 'C1', '13800138000')
    expect(TEST_PII.decrypt('phone', 'C1', TEST_PII.activeKeyId, sealed)).toBe('13800138000')
    expect(() => TEST_PII.decrypt('phone', 'C2', TEST_PII.activeKeyId, sealed)).toThrow()
    expect(() => TEST_PII.decrypt('id_no', 'C1', TEST_PII.activeKeyId, sealed)).toThrow()
  })
})

describe('key rotation', () => {
  let testDb: TestDb
  beforeAll(async () => {
    testDb = await createTestDb()
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('when a new key goes first and the hash key changes, then rekey re-seals every customer and matching still works', async () => {
    const db = testDb.db.kysely
    const branch = await insertBranch(db)
    const customers = [
      await insertCustomer(db, branch.id, { name: '周一' }),
      await insertCustomer(db, branch.id, { name: '周二' }),
    ]
    const rotated = createPii({
      keys: [{ id: 'k2', key: key('second-key') }, ...demo.keys],
      hashKey: 'a-brand-new-hash-key-after-rotation!!',
    })

    expect(await matchCustomer(db, rotated, '周一', customers[0]!.phone)).toEqual({ cifNo: null, problem: 'no_match' })
    expect(await rekeyCustomerPii(db, rotated)).toBe(2)
    const stored = await db.selectFrom('customers').selectAll().orderBy('cif_no').execute()
    expect(stored.map((c) => c.pii_key_id)).toEqual(['k2', 'k2'])
    expect(stored.map((c) => rotated.decrypt('phone', c.cif_no, c.pii_key_id, c.phone_enc))).toEqual(
      customers.map((c) => c.phone),
    )
    expect(stored.map((c) => rotated.decrypt('id_no', c.cif_no, c.pii_key_id, c.id_no_enc))).toEqual(
      customers.map((c) => c.id_no),
    )
    expect(await matchCustomer(db, rotated, '周一', customers[0]!.phone)).toEqual({
      cifNo: customers[0]!.cif_no,
      problem: null,
    })

    const onlyNew = createPii({
      keys: [{ id: 'k2', key: key('second-key') }],
      hashKey: 'a-brand-new-hash-key-after-rotation!!',
    })
    expect(onlyNew.decrypt('phone', stored[1]!.cif_no, 'k2', stored[1]!.phone_enc)).toBe(customers[1]!.phone)
    expect(await rekeyCustomerPii(db, rotated)).toBe(0)
  })
})

describe('no plain-text phone or ID number at rest', () => {
  let testDb: TestDb
  let phones: Set<string>
  let idNos: Set<string>
  beforeAll(async () => {
    testDb = await seededTestDb({ customers: 1500 })
    const customers = (await testDb.db.kysely.selectFrom('customers').selectAll().execute()).map(openCustomer)
    phones = new Set(customers.map((c) => c.phone))
    idNos = new Set(customers.map((c) => c.id_no))
  })
  afterAll(async () => {
    await testDb.drop()
  })

  /** The sim_ tables are the simulator's stand-in for WeChat itself (who knows the customer's phone); production has none. */
  const leaks = (bytes: string) => {
    const found = new Set([...bytes.matchAll(/\d{11,18}X?/g)].map((m) => m[0]))
    return [...found].filter((d) => phones.has(d) || idNos.has(d) || phones.has(d.slice(0, 11)))
  }

  it('when the demo bank is seeded, then neither the database file nor a dump holds a customer phone or ID number', async () => {
    expect(phones.size).toBe(1500)
    expect(leaks(`|${[...phones][0]}|${[...idNos][0]}|`)).toHaveLength(2)
    const db = testDb.db.kysely
    const simTables = ['sim_people', 'sim_sms', 'sim_follows', 'sim_chat_messages']
    if (testDb.db.dialect === 'sqlite') {
      for (const table of simTables) await sql`delete from ${sql.table(table)}`.execute(db)
      await sql`vacuum`.execute(db)
      const file = testDb.url.slice('sqlite:'.length)
      await testDb.db.close()
      const bytes = [file, `${file}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('latin1'))
        .join('')
      expect(bytes.length).toBeGreaterThan(100_000)
      expect(leaks(bytes)).toEqual([])
      testDb.db = await (await import('../../../server/db/connect.js')).openDb(testDb.url)
    } else {
      const dump = execFileSync(
        '/usr/lib/postgresql/15/bin/pg_dump',
        ['--data-only', ...simTables.flatMap((t) => ['--exclude-table-data', t]), testDb.url],
        { maxBuffer: 1 << 30 },
      ).toString('latin1')
      expect(dump).toContain('COPY public.customers')
      expect(leaks(dump)).toEqual([])
    }
  })
})
