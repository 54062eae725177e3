/**
 * The review state machine shared by content items and Q&A items:
 * draft → in_review → approved | rejected → retired (rejected items go back to draft when edited).
 *
 * Every function takes `(trx, table, id, …)`; call them inside a transaction. The steps are in
 * workflow-drafts.ts, workflow-submit.ts and workflow-decisions.ts, their rules here, the queries in
 * workflow.repository.ts. The table must have an auto-increment integer `id` plus the columns
 * `addReviewColumns` (server/db/migration-helpers.ts) creates.
 * - `insertDraft(trx, table, values, authorStaffId, now)` → id (version 1, root_id = id)
 * - `saveEdit(trx, table, id, changes, actorStaffId, now)` → `{ id, newVersion }`: drafts and rejected
 *   items are edited in place by their author; an approved item gets a new version (version+1, same
 *   root_id) that needs approval again, while the approved one stays live until then.
 * - `submitForReview(trx, table, id, { actorStaffId, now, compliance, publicBaseUrl })` → warnings;
 *   blocking findings → 422 COMPLIANCE_BLOCKED with `details.findings`. Routes call
 *   `submitForReviewAudited(db, …)`, which owns the transaction so a blocked attempt stays in compliance_checks.
 * - `approve(trx, table, id, { reviewerStaffId, now, validFrom, validUntil })` → approval number.
 *   Needs staff.reviewer = 1 (403 NOT_REVIEWER) and approver ≠ author (403 SELF_APPROVAL); other
 *   approved versions of the same root are retired as `superseded`.
 * - `reject(…, { reviewerStaffId, reason, now })`, `retire(…, { actorStaffId, reason, now })`.
 * - `isLive(row, now)` / `liveSql(alias, now)`: approved and inside its validity window.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { AppError } from '../../lib/errors.js'
import type { ReviewColumns, ReviewStatus } from './review.table.js'
import {
  activeStaffRole,
  updateIfStatusUnchanged,
  type ReviewTableName,
  type ReviewedChanges,
  type ReviewedRow,
} from './workflow.repository.js'

export type { ReviewTableName, ReviewedValues } from './workflow.repository.js'

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已通过',
  rejected: '已驳回',
  retired: '已下架',
}

export function expectStatus(row: ReviewedRow, allowed: ReviewStatus[]): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('INVALID_TRANSITION', 409, `条目当前为「${STATUS_LABELS[row.status]}」，不能执行此操作`, {
      status: row.status,
    })
  }
}

export function expectAuthor(row: ReviewedRow, staffId: string): void {
  if (row.author_staff_id !== staffId) throw new AppError('NOT_AUTHOR', 403, '只有作者本人可以修改或提交该版本')
}

/** Moves `row` from its current status; a concurrent change makes the guarded update miss → 409. */
export async function transition(
  trx: Kysely<Database>,
  table: ReviewTableName,
  row: ReviewedRow,
  set: ReviewedChanges,
): Promise<void> {
  if (!(await updateIfStatusUnchanged(trx, table, row, set)))
    throw new AppError('CONCURRENT_CHANGE', 409, '条目已被他人修改，请刷新后重试')
}

export async function expectReviewer(trx: Kysely<Database>, row: ReviewedRow, reviewerStaffId: string): Promise<void> {
  const staff = await activeStaffRole(trx, reviewerStaffId)
  if (!staff || staff.role !== 'middle' || Number(staff.reviewer) !== 1)
    throw new AppError('NOT_REVIEWER', 403, '只有具备审核权限的中台人员可以审核')
  if (row.author_staff_id === reviewerStaffId)
    throw new AppError('SELF_APPROVAL', 403, '不能审核自己撰写的内容，请由其他审核人员处理')
}

/** Sendable/recommendable right now: approved and inside its validity window. */
export function isLive(row: Pick<ReviewColumns, 'status' | 'valid_from' | 'valid_until'>, now: Date): boolean {
  const at = now.toISOString()
  return (
    row.status === 'approved' && !!row.valid_from && !!row.valid_until && row.valid_from <= at && at < row.valid_until
  )
}
