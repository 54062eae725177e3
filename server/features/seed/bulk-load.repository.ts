import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../../db/connect.js'
import type { Database } from '../../db/database.js'

export interface IndexDefinition {
  name: string
  sql: string
}

/** Secondary indexes of a table with the SQL that creates them (indexes behind constraints are left alone). */
export async function secondaryIndexes(
  db: Kysely<Database>,
  dialect: DialectName,
  table: string,
): Promise<IndexDefinition[]> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<IndexDefinition>`select name, sql from sqlite_master
      where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(db)
    return rows
  }
  const { rows } = await sql<IndexDefinition>`select indexname as name, indexdef as sql from pg_indexes
    where tablename = ${table} and schemaname = current_schema()
    and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)
    order by indexname`.execute(db)
  return rows
}

export interface ForeignKeyDefinition {
  table: string
  name: string
  definition: string
}

/** PostgreSQL: the foreign keys of `tables` with their definitions (SQLite checks none unless asked to). */
export async function foreignKeysOf(
  db: Kysely<Database>,
  dialect: DialectName,
  tables: readonly string[],
): Promise<ForeignKeyDefinition[]> {
  if (dialect === 'sqlite' || !tables.length) return []
  const { rows } = await sql<ForeignKeyDefinition>`select conrelid::regclass::text as table, conname as name,
      pg_get_constraintdef(oid) as definition from pg_constraint
    where contype = 'f' and connamespace = current_schema()::regnamespace
    and conrelid::regclass::text in (${sql.join(tables)})
    order by conrelid::regclass::text, conname`.execute(db)
  return rows
}

/**
 * Runs a bulk load into `tables` with their secondary indexes dropped, then builds them once over the loaded
 * rows: one sort per index instead of one random B-tree insert per row and index (the hash columns of
 * `customers`, the dedupe keys of `events`), then analyses the tables. On PostgreSQL their foreign keys go too and
 * come back validated in one join each, not checked by a trigger per row (the PostgreSQL manual's advice for
 * populating a database); a row that breaks one fails the load. Primary keys and unique constraints stay. Inside
 * the caller's transaction, so a failed load leaves the indexes and constraints as they were.
 */
export async function withIndexesAndForeignKeysDeferred<T>(
  trx: Kysely<Database>,
  dialect: DialectName,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  if (!trx.isTransaction) throw new Error('withIndexesAndForeignKeysDeferred needs a transaction')
  const indexes: IndexDefinition[] = []
  for (const table of tables) indexes.push(...(await secondaryIndexes(trx, dialect, table)))
  const foreignKeys = await foreignKeysOf(trx, dialect, tables)
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx)
  for (const fk of foreignKeys)
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(trx)
  const result = await load()
  // The session's default (64 MB) spills a million-row sort to disk; the setting ends with the transaction.
  if (dialect === 'postgres') await sql`set local maintenance_work_mem = '256MB'`.execute(trx)
  for (const index of indexes) await sql.raw(index.sql).execute(trx)
  for (const fk of foreignKeys)
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
      trx,
    )
  // The rows are not committed yet, so autovacuum has no statistics of them for the reads that follow in the same
  // transaction (the seed's refresh: IN lists per 1,000 marks, which a 1 M run showed as parallel scans).
  if (dialect === 'postgres') await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx)
  return result
}

/** Rows per statement of the PostgreSQL array insert: its ordering sort stays within the default work_mem. */
const ROWS_PER_STATEMENT = 5_000

/** Column types per table, read once per transaction of a bulk load. */
const columnTypesOf = new WeakMap<Kysely<Database>, Map<string, Map<string, string>>>()

async function columnTypes(db: Kysely<Database>, table: string): Promise<Map<string, string>> {
  const known = columnTypesOf.get(db) ?? new Map<string, Map<string, string>>()
  columnTypesOf.set(db, known)
  let types = known.get(table)
  if (!types) {
    const { rows } = await sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db)
    types = new Map(rows.map((r) => [r.name, r.type]))
    known.set(table, types)
  }
  return types
}

/**
 * PostgreSQL: rows of one shape inserted as one array parameter per column,
 * `INSERT … SELECT * FROM unnest($1::text[], $2::integer[], …)`. Measured on a 50,000-customer chunk, the server
 * spends about half the CPU of multi-row `VALUES` with 29,000 bound parameters (or of one JSON parameter), and the
 * client less too. Rows go in array order, so serial ids are those `VALUES` would give. Returns false, having
 * written nothing, when the rows do not all carry the same columns with defined values (a left-out column takes
 * its default in `VALUES`, but would be NULL here).
 */
export async function insertRowsAsArrays(
  db: Kysely<Database>,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<boolean> {
  const columns = Object.keys(rows[0]!)
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) return false
    for (const column of columns) if (row[column] === undefined) return false
  }
  const types = await columnTypes(db, table)
  const list = sql.join(columns.map((c) => sql.id(c)))
  const picked = sql.join(columns.map((c) => sql.ref(`r.${c}`)))
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT)
    const arrays = columns.map((c) => sql`${part.map((r) => r[c])}::${sql.raw(`${types.get(c)!}[]`)}`)
    await sql`insert into ${sql.table(table)} (${list})
      select ${picked} from unnest(${sql.join(arrays)}) with ordinality as r (${list}, ordinality)
      order by r.ordinality`.execute(db)
  }
  return true
}
