import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDb, type Db } from '../../../server/db/connect.js'
import { migrateToLatest } from '../../../server/db/migrate.js'

export interface TestDb {
  url: string
  db: Db
  /** Closes the connection and removes the database. */
  drop(): Promise<void>
}

/**
 * A fresh, migrated database per call: SQLite in a temp dir, or, when TEST_DATABASE_URL is set,
 * a new PostgreSQL database created next to it (so test files never share state). With TEST_PG_BOUNCER_URL
 * as well, the app reaches that database through a transaction-pooling PgBouncer (`.ci/start-pgbouncer.sh`),
 * with named prepared statements off as docs/operations.md prescribes; creating and dropping stay direct.
 */
export async function createTestDb(): Promise<TestDb> {
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-test-'))
    const url = `sqlite:${path.join(dir, 'test.db')}`
    const db = await openDb(url)
    await migrateToLatest(db)
    return {
      url,
      db,
      drop: async () => {
        await db.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `advisor_t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`)
  await client.end()
  const bouncer = process.env.TEST_PG_BOUNCER_URL
  const u = new URL(bouncer ?? admin)
  u.pathname = `/${name}`
  const url = u.toString()
  const db = await openDb(url, { poolSize: 10, statementTimeoutMs: 30_000, namedStatements: !bouncer })
  await migrateToLatest(db)
  return {
    url,
    db,
    drop: async () => {
      await db.close()
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}
