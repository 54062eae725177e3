import { sql } from 'kysely'
import type { Db } from '../../../server/db/connect.js'
import { tableCounts } from '../support/table-counts.js'

export interface DbSnapshot {
  /** Row count of every table (the shared "nothing was written" measure). */
  counts: Record<string, number>
  /** Every row of every table, serialised and sorted: catches updates that leave counts alone (a `sent_at` set, an event rolled up). */
  rows: Record<string, string[]>
}

/** The whole database but the given tables, for "a refused call changed nothing" assertions. */
export async function dbSnapshot(db: Db, except: string[]): Promise<DbSnapshot> {
  const counts = await tableCounts(db, except)
  const rows: Record<string, string[]> = {}
  for (const name of Object.keys(counts)) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.kysely)
    rows[name] = result.rows.map((r) => JSON.stringify(r)).sort()
  }
  return { counts, rows }
}

/** The snapshot without some tables (a known trace, reported separately). */
export function withoutTables(s: DbSnapshot, tables: readonly string[]): DbSnapshot {
  const drop = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([k]) => !tables.includes(k)))
  return { counts: drop(s.counts), rows: drop(s.rows) }
}
