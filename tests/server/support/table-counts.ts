import { sql } from 'kysely'
import type { Db } from '../../../server/db/connect.js'

/** Row count of every application table, for "nothing was written" assertions. */
export async function tableCounts(db: Db, except: string[] = []): Promise<Record<string, number>> {
  const tables =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
          db.kysely,
        )
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(
          db.kysely,
        )
  const counts: Record<string, number> = {}
  for (const { name } of tables.rows) {
    if (except.includes(name) || name.endsWith('_fts') || name.includes('_fts_')) continue
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db.kysely)
    counts[name] = Number(row.rows[0]!.n)
  }
  return counts
}
