import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { OutboundChecksQuery, OutboundCheckSchema } from '../../contracts/review.js'
import type { Database } from '../../db/database.js'
import { listComplianceChecks } from './checks.repository.js'
import type { ComplianceFinding } from './types.js'

type OutboundCheck = z.infer<typeof OutboundCheckSchema>

/** The audit trail of outbound texts, newest first: who, which path, the findings, the lexicon version. */
export async function listOutboundChecks(
  db: Kysely<Database>,
  q: z.output<typeof OutboundChecksQuery>,
): Promise<OutboundCheck[]> {
  const rows = await listComplianceChecks(db, q.limit, q.blocked ? Number(q.blocked) : undefined)
  return rows.map((r) => ({
    id: Number(r.id),
    checkedAt: r.checked_at,
    staffId: r.staff_id,
    path: r.path,
    refId: r.ref_id,
    text: r.text,
    blocked: Number(r.blocked) === 1,
    findings: JSON.parse(r.findings) as ComplianceFinding[],
    lexiconVersion: r.lexicon_version,
  }))
}
