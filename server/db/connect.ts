import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Database } from './database.js'
import { startCheckpointer } from './sqlite-checkpointer.js'
import { cachingStatements } from './statement-cache.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  dialect: DialectName
  close(): Promise<void>
}

/** Opens the database named by a `sqlite:<path>` or `postgres://…` URL. */
export async function openDb(url: string): Promise<Db> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length))
  return openPostgres(url)
}

async function openSqlite(file: string): Promise<Db> {
  const { default: SqliteDatabase } = await import('better-sqlite3')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const database = new SqliteDatabase(file)
  database.pragma('journal_mode = WAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  database.pragma('synchronous = NORMAL')
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(file)
  if (checkpointer) database.pragma('wal_autocheckpoint = 0')
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) })
  return {
    kysely,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop()
      await kysely.destroy()
    },
  }
}

async function openPostgres(url: string): Promise<Db> {
  const pg = await import('pg')
  // int8 (counts, bigint money in cents) fits in a double for every value this product stores.
  pg.default.types.setTypeParser(20, Number)
  pg.default.types.setTypeParser(1700, Number)
  const pool = new pg.default.Pool({ connectionString: url, max: 10 })
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // discards it, and the next query opens a fresh one or fails with an error the request handles.
  pool.on('error', () => {})
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() }
}
