import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { AppError } from '../../lib/errors.js'
import { expectReviewer, expectStatus, transition } from './workflow.js'
import { loadReviewed, nextCounterValue, supersedeOtherApproved, type ReviewTableName } from './workflow.repository.js'

async function nextApprovalNo(trx: Kysely<Database>, now: Date): Promise<string> {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
  const value = await nextCounterValue(trx, `approval:${year}`)
  return `ZT-${year}-${String(value).padStart(6, '0')}`
}

export interface ApproveOptions {
  reviewerStaffId: string
  now: Date
  validFrom?: Date
  validUntil: Date
}

export async function approve(
  trx: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  opts: ApproveOptions,
): Promise<{ approvalNo: string }> {
  const row = await loadReviewed(trx, table, id)
  expectStatus(row, ['in_review'])
  await expectReviewer(trx, row, opts.reviewerStaffId)
  const from = opts.validFrom ?? opts.now
  if (opts.validUntil <= from || opts.validUntil <= opts.now)
    throw new AppError('INVALID_VALIDITY', 400, '有效期截止时间必须晚于开始时间和当前时间')
  const at = opts.now.toISOString()
  const approvalNo = await nextApprovalNo(trx, opts.now)
  await transition(trx, table, row, {
    status: 'approved',
    reviewer_staff_id: opts.reviewerStaffId,
    approved_at: at,
    approval_no: approvalNo,
    valid_from: from.toISOString(),
    valid_until: opts.validUntil.toISOString(),
    updated_at: at,
  })
  await supersedeOtherApproved(trx, table, row.root_id, row.id, at)
  return { approvalNo }
}

export async function reject(
  trx: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  opts: { reviewerStaffId: string; reason: string; now: Date },
): Promise<void> {
  if (!opts.reason.trim()) throw new AppError('REASON_REQUIRED', 400, '请填写驳回原因')
  const row = await loadReviewed(trx, table, id)
  expectStatus(row, ['in_review'])
  await expectReviewer(trx, row, opts.reviewerStaffId)
  const at = opts.now.toISOString()
  await transition(trx, table, row, {
    status: 'rejected',
    reviewer_staff_id: opts.reviewerStaffId,
    rejection_reason: opts.reason.trim(),
    updated_at: at,
  })
}

export async function retire(
  trx: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  opts: { actorStaffId: string; reason: string; now: Date },
): Promise<void> {
  if (!opts.reason.trim()) throw new AppError('REASON_REQUIRED', 400, '请填写下架原因')
  const row = await loadReviewed(trx, table, id)
  expectStatus(row, ['draft', 'approved', 'rejected'])
  const at = opts.now.toISOString()
  await transition(trx, table, row, {
    status: 'retired',
    retired_at: at,
    retired_reason: opts.reason.trim(),
    updated_at: at,
  })
}
