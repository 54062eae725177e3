import type { Kysely } from 'kysely'
import type { QaItemInput } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import { approve, insertDraft, submitForReview } from '../review/index.js'
import { qaColumns, qaComplianceInput } from './qa.repository.js'
import { invalidateQaIndex } from './search/live-qa-index.js'

/** Writes a new draft entry (version 1); `sourceEscalationId` when promoted from a 问中台 answer. */
export async function insertQaDraft(
  trx: Kysely<Database>,
  input: QaItemInput,
  authorStaffId: string,
  now: Date,
  sourceEscalationId: number | null = null,
): Promise<number> {
  return insertDraft(
    trx,
    'qa_items',
    { ...qaColumns(input), source_escalation_id: sourceEscalationId },
    authorStaffId,
    now,
  )
}

/**
 * Drafts, submits and approves one entry through the shared workflow (seeding and tests). The caller owns the
 * transaction, so the search index is invalidated here, before commit: the TTL fingerprint check covers a search
 * that rebuilds in between.
 */
export async function publishQaEntry(
  trx: Kysely<Database>,
  input: QaItemInput,
  opts: { authorStaffId: string; reviewerStaffId: string; now: Date; validFrom: Date; validUntil: Date },
): Promise<number> {
  const id = await insertQaDraft(trx, input, opts.authorStaffId, opts.now)
  await submitForReview(trx, 'qa_items', id, {
    actorStaffId: opts.authorStaffId,
    now: opts.now,
    compliance: qaComplianceInput,
  })
  await approve(trx, 'qa_items', id, {
    reviewerStaffId: opts.reviewerStaffId,
    now: opts.now,
    validFrom: opts.validFrom,
    validUntil: opts.validUntil,
  })
  invalidateQaIndex()
  return id
}
