import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { AppError } from '../../lib/errors.js'
import { expectAuthor, expectStatus, transition } from './workflow.js'
import {
  insertReviewedRow,
  loadReviewed,
  setRootId,
  versionsOf,
  type ReviewTableName,
  type ReviewedRow,
  type ReviewedValues,
} from './workflow.repository.js'

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
