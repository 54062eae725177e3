import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { OutboundPathSchema } from '../../contracts/review.js'
import type { Database } from '../../db/database.js'
import { AppError } from '../../lib/errors.js'
import { checkText, type CheckOptions } from './check.js'
import { insertComplianceCheck } from './checks.repository.js'
import type { ComplianceInput, ComplianceResult } from './types.js'

/** Outbound paths as the audit trail names them. */
export type OutboundPath = z.infer<typeof OutboundPathSchema>

export interface GateOptions extends CheckOptions {
  path: OutboundPath
  staffId: string | null
  refId?: string | null
  /** Chinese message of the 422 when something blocks. */
  blockedMessage?: string
  now: Date
}

/** Records one outbound text with what the gate found and under which lexicon version. */
export async function recordCheck(
  db: Kysely<Database>,
  input: ComplianceInput,
  result: ComplianceResult,
  opts: Pick<GateOptions, 'path' | 'staffId' | 'refId' | 'now'>,
): Promise<void> {
  const text = [...Object.values(input.fields), input.disclaimer ?? ''].filter(Boolean).join('\n')
  await insertComplianceCheck(db, {
    checked_at: opts.now.toISOString(),
    staff_id: opts.staffId,
    path: opts.path,
    ref_id: opts.refId ?? null,
    text: text.slice(0, 8000),
    blocked: result.blocking.length ? 1 : 0,
    findings: JSON.stringify(result.findings),
    lexicon_version: result.lexiconVersion,
  })
}

export const complianceBlocked = (result: ComplianceResult, message = '合规检查未通过，请按提示修改后再提交') =>
  new AppError('COMPLIANCE_BLOCKED', 422, message, {
    findings: result.findings,
    lexiconVersion: result.lexiconVersion,
  })

/** Check, record in the audit trail, and refuse (422 COMPLIANCE_BLOCKED) when anything blocks. */
export async function gateOutbound(
  db: Kysely<Database>,
  input: ComplianceInput,
  opts: GateOptions,
): Promise<ComplianceResult> {
  const result = await checkText(db, input, opts)
  await recordCheck(db, input, result, opts)
  if (result.blocking.length) throw complianceBlocked(result, opts.blockedMessage)
  return result
}
