import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../../../server/db/connect.js'
import { preparedQuery } from '../../../server/db/prepared.js'
import { cachingStatements } from '../../../server/db/statement-cache.js'
import { recordAudit } from '../../../server/features/audit/audit.js'
import { provincesThisMonth } from '../../../server/features/contacts/attribution.repository.js'
import { latestEvents } from '../../../server/features/contacts/last-contacts.repository.js'
import type { StaffRole } from '../../../server/features/org/org.table.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t.drop()
})

describe('preparedQuery', () => {
  const staffOfBranch = preparedQuery<{ branchId: string; role: StaffRole }, { id: string }>((db, param) =>
    db
      .selectFrom('staff')
      .select('id')
      .where('branch_id', '=', param('branchId'))
      .where('role', '=', param('role'))
      .where('active', '=', 1)
      .orderBy('id'),
  )

  it("runs the once-compiled query with each call's own values, keeping the constants it was built with", async () => {
    const a = await insertBranch(t.db.kysely)
    const b = await insertBranch(t.db.kysely)
    const frontA = await insertStaff(t.db.kysely, a.id, 'front')
    const middleA = await insertStaff(t.db.kysely, a.id, 'middle')
    const frontB = await insertStaff(t.db.kysely, b.id, 'front')
    await insertStaff(t.db.kysely, b.id, 'front', { active: 0 })
    expect(await staffOfBranch.execute(t.db.kysely, { branchId: a.id, role: 'front' })).toEqual([{ id: frontA.id }])
    expect(await staffOfBranch.execute(t.db.kysely, { branchId: a.id, role: 'middle' })).toEqual([{ id: middleA.id }])
    // The inactive colleague stays out: `active = 1` was fixed when the query was first built.
    expect(await staffOfBranch.execute(t.db.kysely, { branchId: b.id, role: 'front' })).toEqual([{ id: frontB.id }])
    expect(
      await staffOfBranch.executeTakeFirst(t.db.kysely, { branchId: 'no-such-branch', role: 'front' }),
    ).toBeUndefined()
  })

  it('works inside a transaction and sees its uncommitted rows', async () => {
    const branch = await insertBranch(t.db.kysely)
    const seen = await t.db.kysely.transaction().execute(async (trx) => {
      const s = await insertStaff(trx, branch.id, 'supervisor')
      return { id: s.id, rows: await staffOfBranch.execute(trx, { branchId: branch.id, role: 'supervisor' }) }
    })
    expect(seen.rows).toEqual([{ id: seen.id }])
  })
})

describe('recordAudit group commit', () => {
  it('writes every entry of a burst, each caller resolving only after its row exists', async () => {
    const now = new Date('2026-11-23T10:00:00Z')
    const targets = Array.from({ length: 120 }, (_, i) => `contact:burst-${i}`)
    await Promise.all(
      targets.map(async (target) => {
        await recordAudit(t.db.kysely, { actorStaffId: null, action: 'test.burst', target, outcome: 'allowed' }, now)
        const row = await t.db.kysely
          .selectFrom('audit_log')
          .select('target')
          .where('target', '=', target)
          .executeTakeFirst()
        expect(row?.target).toBe(target)
      }),
    )
    const rows = await t.db.kysely.selectFrom('audit_log').select('target').where('action', '=', 'test.burst').execute()
    expect(rows.map((r) => r.target).sort()).toEqual([...targets].sort())
  })

  it('inside a transaction the entry commits or rolls back with it', async () => {
    const now = new Date()
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await recordAudit(trx, { actorStaffId: null, action: 'test.rolled-back', target: 'x', outcome: 'allowed' }, now)
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    await t.db.kysely
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actorStaffId: null, action: 'test.committed', target: 'x', outcome: 'allowed' }, now),
      )
    const actions = (
      await t.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'test.%ed').execute()
    ).map((r) => r.action)
    expect(actions).toEqual(['test.committed'])
  })

  it('rejects every caller of a batch that could not be written', async () => {
    const bad = {
      actorStaffId: null,
      action: 'test.bad',
      target: null as unknown as string,
      outcome: 'allowed' as const,
    }
    const good = { actorStaffId: null, action: 'test.bad', target: 'fine', outcome: 'allowed' as const }
    const results = await Promise.allSettled([
      recordAudit(t.db.kysely, good, new Date()),
      recordAudit(t.db.kysely, bad, new Date()),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'test.bad').execute()).toEqual(
      [],
    )
  })
})

describe.skipIf(!!process.env.TEST_DATABASE_URL)('SQLite statement cache and background checkpoints', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-sqlite-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('reuses a statement, yet hands out a fresh one while the cached one is still being iterated', () => {
    const raw = new Database(':memory:')
    raw.exec('create table n (v integer); insert into n values (1), (2), (3)')
    const cache = cachingStatements(raw, 2)
    const first = cache.prepare('select v from n order by v')
    expect(cache.prepare('select v from n order by v')).toBe(first)
    const iterating = first.iterate([])
    iterating.next()
    const second = cache.prepare('select v from n order by v')
    expect(second).not.toBe(first)
    expect(second.all([])).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }])
    iterating.return?.()
    // Bounded: the two newest texts stay, the oldest is evicted.
    cache.prepare('select 1')
    cache.prepare('select 2')
    expect(cache.prepare('select v from n order by v')).not.toBe(first)
    raw.close()
  })

  it('checkpoints the WAL from the worker, not from commits on the main connection', async () => {
    const file = path.join(dir, 'wal.db')
    const db = await openDb(`sqlite:${file}`)
    await db.kysely.schema.createTable('blob').addColumn('v', 'text').execute()
    for (let i = 0; i < 50; i++)
      await db.kysely
        .insertInto('blob' as never)
        .values({ v: 'x'.repeat(4000) } as never)
        .execute()
    // Pages reach the database file only by checkpointing; commits on the main connection no longer do it.
    const mainFileBytes = () => fs.statSync(file).size
    const deadline = Date.now() + 5000
    while (mainFileBytes() < 50 * 4000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(mainFileBytes()).toBeGreaterThanOrEqual(50 * 4000)
    await db.close()
  })
})

describe.skipIf(!!process.env.TEST_DATABASE_URL)("SQLite query plans of the profile's hottest queries", () => {
  // No ANALYZE statistics, as in production: the planner decides on the indexes' shape alone. At bank scale a
  // plan that walks another index costs seconds (the bench measured 780 ms a profile for last contacts).
  const plan = (sql: string) => {
    const raw = new Database(t.url.slice('sqlite:'.length), { readonly: true })
    try {
      const params = sql.split('?').length - 1
      return (raw.prepare(`explain query plan ${sql}`).all(...Array(params).fill('x')) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ')
    } finally {
      raw.close()
    }
  }

  it('last contacts read five index entries of one contact and manager, already in order, without touching the events table', () => {
    const detail = plan(latestEvents.sql(t.db.kysely))
    expect(detail).toMatch(
      /^SEARCH events USING COVERING INDEX events_contact_latest_idx \(external_userid=\? AND staff_userid=\?\)$/,
    )
  })

  it("the out-of-province rule counts the manager's month of bindings in the index", () => {
    expect(plan(provincesThisMonth.sql(t.db.kysely))).toMatch(
      /SEARCH bindings USING COVERING INDEX bindings_staff_month_idx \(staff_userid=\? AND verified_at>\? AND verified_at<\?\)/,
    )
  })
})

describe.skipIf(!!process.env.TEST_DATABASE_URL)(
  'closing a SQLite database in a process with nothing else to do',
  () => {
    it('finishes the close (the checkpoint worker is waited for) instead of the process exiting mid-close', async () => {
      const { spawnSync } = await import('node:child_process')
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-close-'))
      const script = `
      const { openDb } = await import(${JSON.stringify(new URL('../../../server/db/connect.ts', import.meta.url).href)})
      const db = await openDb('sqlite:${path.join(dir, 'c.db')}')
      await db.close()
      console.log('closed')`
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 30_000,
      })
      fs.rmSync(dir, { recursive: true, force: true })
      expect(run.stdout.trim()).toBe('closed')
      expect(run.status).toBe(0)
    })
  },
)

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: prepared queries go out named', () => {
  it('prepares a hot query once per connection (and leaves other SQL unnamed)', async () => {
    const { sql } = await import('kysely')
    const lookup = preparedQuery<{ id: string }, { id: string }>((db, param) =>
      db.selectFrom('staff').select('id').where('id', '=', param('id')),
    )
    const names = await t.db.kysely.connection().execute(async (conn) => {
      await lookup.execute(conn, { id: 'a' })
      await lookup.execute(conn, { id: 'b' })
      await conn.selectFrom('staff').select('id').where('id', '=', 'c').execute()
      return (
        await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn)
      ).rows
    })
    const mine = names.filter(
      (n) => n.statement.includes('from "staff" where "id" = $1') && !n.statement.includes('"active"'),
    )
    expect(mine).toHaveLength(1)
    expect(mine[0]!.name).toMatch(/^p[0-9a-f]{20}$/)
  })
})
