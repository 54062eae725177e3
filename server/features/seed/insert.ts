import type { Kysely } from 'kysely'
import type { DialectName } from '../../db/connect.js'
import type { Database } from '../../db/database.js'
import { insertRowsAsArrays } from './bulk-load.repository.js'
import type { Row } from './rows.js'

/** PostgreSQL allows 65535 bound parameters and SQLite 32766; stay well under both. */
const MAX_PARAMS = 29_000

/** Multi-row inserts, chunked so no statement binds more than MAX_PARAMS values. */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return
  const perRow = Object.keys(rows[0]!).length
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow))
  for (let i = 0; i < rows.length; i += size) {
    // The generic table name defeats Kysely's per-table value typing; rows are typed by Row<T> above.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute()
  }
}

/** The seed's bulk load: on PostgreSQL one array parameter per column when the rows allow it (insertRowsAsArrays). */
export async function bulkInsertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  dialect: DialectName,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return
  if (dialect === 'postgres' && (await insertRowsAsArrays(db, table, rows))) return
  await insertRows(db, table, rows)
}
