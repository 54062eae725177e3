import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { checkText, complianceBlocked, recordCheck } from '../compliance/index.js'
import type { ComplianceFinding, ComplianceInput } from './compliance.js'
import { expectAuthor, expectStatus, transition } from './workflow.js'
import { loadReviewed, type ReviewTableName } from './workflow.repository.js'

export interface SubmitOptions {
  actorStaffId: string
  now: Date
  /** Builds what to check from the stored row (the table's own text fields). */
  compliance: (row: Record<string, unknown>) => ComplianceInput
  publicBaseUrl?: string
}

/** The audit row of a blocked submit, written once the transaction it failed in has rolled back. */
const blockedChecks = new WeakMap<object, (db: Kysely<Database>) => Promise<void>>()

/**
 * `submitForReview` in a transaction of its own. A blocked attempt rolls back, but its compliance_checks row
 * is then written on its own: the audit trail keeps every blocked submit, not only the ones that passed.
 */
export async function submitForReviewAudited(
  db: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  opts: SubmitOptions,
): Promise<ComplianceFinding[]> {
  try {
    return await db.transaction().execute((trx) => submitForReview(trx, table, id, opts))
  } catch (err) {
    const record = typeof err === 'object' && err !== null ? blockedChecks.get(err) : undefined
    if (record) await record(db)
    throw err
  }
}

export async function submitForReview(
  trx: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  opts: SubmitOptions,
): Promise<ComplianceFinding[]> {
  const row = await loadReviewed(trx, table, id)
  expectStatus(row, ['draft', 'rejected'])
  expectAuthor(row, opts.actorStaffId)
  const input = opts.compliance(row)
  const result = await checkText(trx, input, { publicBaseUrl: opts.publicBaseUrl })
  const audit = { path: `${table}.submit` as const, staffId: opts.actorStaffId, refId: String(row.id), now: opts.now }
  if (result.blocking.length) {
    const blocked = complianceBlocked(result)
    blockedChecks.set(blocked, (db) => recordCheck(db, input, result, audit))
    throw blocked
  }
  await recordCheck(trx, input, result, audit)
  const findings = result.findings
  const at = opts.now.toISOString()
  await transition(trx, table, row, { status: 'in_review', submitted_at: at, rejection_reason: null, updated_at: at })
  return findings
}
