import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

export type AuditRow = Insertable<Database['audit_log']>

/** Appends audit rows in one multi-row insert. */
export async function insertAuditRows(db: Kysely<Database>, rows: AuditRow[]): Promise<void> {
  await db.insertInto('audit_log').values(rows).execute()
}
