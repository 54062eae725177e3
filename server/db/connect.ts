import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Database } from './database.js'
import { preparedStatementName } from './prepared.js'
import { startCheckpointer } from './sqlite-checkpointer.js'
import { cachingStatements } from './statement-cache.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  dialect: DialectName
  close(): Promise<void>
  /** PostgreSQL's connection pool, for its usage figures (GET /metrics). */
  pool?: { totalCount: number; idleCount: number; waitingCount: number }
}

/** PostgreSQL connection settings (config.database); SQLite has one connection and ignores them. */
export interface PoolOptions {
  poolSize: number
  statementTimeoutMs: number
  namedStatements: boolean
}
const DEFAULT_POOL: PoolOptions = { poolSize: 10, statementTimeoutMs: 30_000, namedStatements: true }

/** Opens the database named by a `sqlite:<path>` or `postgres://…` URL. */
export async function openDb(url: string, pool: PoolOptions = DEFAULT_POOL): Promise<Db> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length))
  return openPostgres(url, pool)
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
  // The worker keeps the WAL short in normal use; the connection still checkpoints by itself past ~40 MB
  // (10,000 pages), so a bulk load that outruns the worker (a seed, an import) cannot grow the WAL without
  // bound (a 10 M-event bench top-up reached 31 GB with automatic checkpoints off), and a reset WAL file is
  // truncated back to 64 MB.
  if (checkpointer) database.pragma('wal_autocheckpoint = 10000')
  database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
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

const NAMED = Symbol('names prepared queries')
type PgPool = import('pg').Pool
type PgClient = import('pg').PoolClient

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it each time. The hot paths' queries
 * (`preparedQuery`) go out named after their text instead: each connection prepares them once.
 */
function namingPreparedQueries(pool: PgPool): PgPool {
  const connect = async (): Promise<PgClient> => {
    const client = await pool.connect()
    const tagged = client as PgClient & { [NAMED]?: true }
    if (!tagged[NAMED]) {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown
      client.query = ((text: unknown, values?: unknown) => {
        const name = typeof text === 'string' && Array.isArray(values) ? preparedStatementName(text) : undefined
        return name ? query({ name, text, values }) : query(text, values)
      }) as PgClient['query']
      tagged[NAMED] = true
    }
    return client
  }
  return new Proxy(pool, { get: (target, key) => (key === 'connect' ? connect : Reflect.get(target, key)) })
}

async function openPostgres(url: string, opts: PoolOptions): Promise<Db> {
  const pg = await import('pg')
  // int8 (counts, bigint money in cents) fits in a double for every value this product stores.
  pg.default.types.setTypeParser(20, Number)
  pg.default.types.setTypeParser(1700, Number)
  const pool = new pg.default.Pool({
    connectionString: url,
    max: opts.poolSize,
    // Sent as a startup parameter: behind PgBouncer, list it in ignore_startup_parameters (docs/operations.md).
    ...(opts.statementTimeoutMs > 0 ? { statement_timeout: opts.statementTimeoutMs } : {}),
  })
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // discards it, and the next query opens a fresh one or fails with an error the request handles.
  pool.on('error', () => {})
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: opts.namedStatements ? namingPreparedQueries(pool) : pool }),
  })
  return { kysely, dialect: 'postgres', close: () => kysely.destroy(), pool }
}
