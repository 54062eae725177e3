/**
 * The review state machine shared by content items and Q&A items:
 * draft → in_review → approved | rejected → retired (rejected items go back to draft when edited).
 *
 * Every function takes `(trx, table, id, …)`; call them inside a transaction. The queries are in
 * workflow.repository.ts. The table must have an
 * auto-increment integer `id` plus the columns `addReviewColumns` (server/db/migration-helpers.ts) creates.
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
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/database.js'
import { AppError } from '../../lib/errors.js'
import { checkText, complianceBlocked, recordCheck } from '../compliance/index.js'
import type { ComplianceFinding, ComplianceInput } from './compliance.js'
import type { ReviewColumns, ReviewStatus } from './review.table.js'
import {
  activeStaffRole,
  insertReviewedRow,
  loadReviewed,
  nextCounterValue,
  setRootId,
  supersedeOtherApproved,
  updateIfStatusUnchanged,
  versionsOf,
  type ReviewTableName,
  type ReviewedChanges,
  type ReviewedRow,
  type ReviewedValues,
} from './workflow.repository.js'

export type { ReviewTableName, ReviewedValues } from './workflow.repository.js'

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已通过',
  rejected: '已驳回',
  retired: '已下架',
}

function expectStatus(row: ReviewedRow, allowed: ReviewStatus[]): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('INVALID_TRANSITION', 409, `条目当前为「${STATUS_LABELS[row.status]}」，不能执行此操作`, {
      status: row.status,
    })
  }
}

function expectAuthor(row: ReviewedRow, staffId: string): void {
  if (row.author_staff_id !== staffId) throw new AppError('NOT_AUTHOR', 403, '只有作者本人可以修改或提交该版本')
}

/** Moves `row` from its current status; a concurrent change makes the guarded update miss → 409. */
async function transition(
  trx: Kysely<Database>,
  table: ReviewTableName,
  row: ReviewedRow,
  set: ReviewedChanges,
): Promise<void> {
  if (!(await updateIfStatusUnchanged(trx, table, row, set)))
    throw new AppError('CONCURRENT_CHANGE', 409, '条目已被他人修改，请刷新后重试')
}

export async function insertDraft(
  trx: Kysely<Database>,
  table: ReviewTableName,
  values: ReviewedValues,
  authorStaffId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString()
  const id = await insertReviewedRow(trx, table, {
    ...values,
    status: 'draft',
    author_staff_id: authorStaffId,
    version: 1,
    created_at: at,
    updated_at: at,
  })
  await setRootId(trx, table, id, id)
  return id
}

export async function saveEdit(
  trx: Kysely<Database>,
  table: ReviewTableName,
  id: number,
  changes: Partial<ReviewedValues>,
  actorStaffId: string,
  now: Date,
): Promise<{ id: number; newVersion: boolean }> {
  const row = await loadReviewed(trx, table, id)
  const at = now.toISOString()
  if (row.status === 'approved')
    return { id: await createVersion(trx, table, row, changes, actorStaffId, at), newVersion: true }
  expectStatus(row, ['draft', 'rejected'])
  expectAuthor(row, actorStaffId)
  await transition(trx, table, row, { ...changes, status: 'draft', rejection_reason: null, updated_at: at })
  return { id, newVersion: false }
}

async function createVersion(
  trx: Kysely<Database>,
  table: ReviewTableName,
  row: ReviewedRow,
  changes: Partial<ReviewedValues>,
  authorStaffId: string,
  at: string,
): Promise<number> {
  const versions = await versionsOf(trx, table, row.root_id)
  const pending = versions.find((v) => ['draft', 'in_review', 'rejected'].includes(v.status))
  if (pending)
    throw new AppError('VERSION_PENDING', 409, '该条目已有一个待审核或草稿中的新版本，请在那个版本上修改', {
      id: Number(pending.id),
    })
  // Read with selectAll from this very table, so the row carries every column of the library, not just the shared ones.
  const { id: _id, ...copy } = row as ReviewedRow & ReviewedValues
  return insertReviewedRow(trx, table, {
    ...copy,
    ...changes,
    status: 'draft',
    author_staff_id: authorStaffId,
    reviewer_staff_id: null,
    submitted_at: null,
    approved_at: null,
    approval_no: null,
    valid_from: null,
    valid_until: null,
    rejection_reason: null,
    retired_at: null,
    retired_reason: null,
    version: Math.max(...versions.map((v) => Number(v.version))) + 1,
    root_id: row.root_id,
    created_at: at,
    updated_at: at,
  })
}

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

async function expectReviewer(trx: Kysely<Database>, row: ReviewedRow, reviewerStaffId: string): Promise<void> {
  const staff = await activeStaffRole(trx, reviewerStaffId)
  if (!staff || staff.role !== 'middle' || Number(staff.reviewer) !== 1)
    throw new AppError('NOT_REVIEWER', 403, '只有具备审核权限的中台人员可以审核')
  if (row.author_staff_id === reviewerStaffId)
    throw new AppError('SELF_APPROVAL', 403, '不能审核自己撰写的内容，请由其他审核人员处理')
}

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

/** Sendable/recommendable right now: approved and inside its validity window. */
export function isLive(row: Pick<ReviewColumns, 'status' | 'valid_from' | 'valid_until'>, now: Date): boolean {
  const at = now.toISOString()
  return (
    row.status === 'approved' && !!row.valid_from && !!row.valid_until && row.valid_from <= at && at < row.valid_until
  )
}

/** SQL form of `isLive` for `where(liveSql('c', now))`; `alias` is the table or its alias. */
export function liveSql(alias: string, now: Date): RawBuilder<boolean> {
  const at = now.toISOString()
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<boolean>`(${col('status')} = 'approved' and ${col('valid_from')} <= ${at} and ${col('valid_until')} > ${at})`
}
