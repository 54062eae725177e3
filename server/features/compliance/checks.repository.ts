import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>
export type ComplianceCheckRow = Selectable<Database['compliance_checks']>

/** Hosts the compliance office allows links to, as entered. */
export async function listAllowedLinkHosts(db: Q): Promise<{ host: string }[]> {
  return db.selectFrom('link_allowlist').select('host').execute()
}

/** Appends one outbound text and its findings to the audit trail. */
export async function insertComplianceCheck(db: Q, values: Insertable<Database['compliance_checks']>): Promise<void> {
  await db.insertInto('compliance_checks').values(values).execute()
}

/** The newest `limit` checks, only the blocked (1) or passed (0) ones when `blocked` is given. */
export async function listComplianceChecks(db: Q, limit: number, blocked?: number): Promise<ComplianceCheckRow[]> {
  let query = db.selectFrom('compliance_checks').selectAll().orderBy('id', 'desc').limit(limit)
  if (blocked !== undefined) query = query.where('blocked', '=', blocked)
  return query.execute()
}
