/**
 * The review workflow's view of the compliance gate (server/features/compliance): same findings, as a list.
 * Kept so existing callers read `checkCompliance(db, input, opts)`; there is one matcher, the gate's.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { checkText, type CheckOptions, type ComplianceFinding, type ComplianceInput } from '../compliance/index.js'

export type { ComplianceCode, ComplianceFinding, ComplianceInput } from '../compliance/index.js'
export { INVESTMENT_TOPICS } from '../compliance/index.js'
export type ComplianceOptions = CheckOptions

export const hasBlocking = (findings: readonly ComplianceFinding[]) => findings.some((f) => f.severity === 'block')

/** Runs every check; findings come back in field order, blocking ones included. */
export async function checkCompliance(
  db: Kysely<Database>,
  input: ComplianceInput,
  opts: ComplianceOptions = {},
): Promise<ComplianceFinding[]> {
  return (await checkText(db, input, opts)).findings
}
