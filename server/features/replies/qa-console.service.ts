import type { z } from 'zod'
import type { ApproveBody, ComplianceFindingDto } from '../../contracts/review.js'
import type { QaItem, QaItemInput, QaListQuery } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { approve, reject, retire, saveEdit, submitForReviewAudited, validityWindow } from '../review/index.js'
import { findQaPage } from './qa-library.repository.js'
import { insertQaDraft } from './qa-library.service.js'
import { findQaRow, qaColumns, qaComplianceInput, toQaItems } from './qa.repository.js'
import { invalidateQaIndex } from './search/live-qa-index.js'

/** The library as the middle office browses it: text filter, status and topic; retired versions only on request. */
export async function listQaItems(
  ctx: AppContext,
  query: z.infer<typeof QaListQuery>,
): Promise<{ items: QaItem[]; total: number }> {
  const db = ctx.db.kysely
  const { rows, total } = await findQaPage(db, query)
  return { items: await toQaItems(db, rows, ctx.now()), total }
}

export async function getQaItem(ctx: AppContext, id: number): Promise<QaItem> {
  const [item] = await toQaItems(ctx.db.kysely, [await findQaRow(ctx.db.kysely, id)], ctx.now())
  return item!
}

export async function createQaItem(ctx: AppContext, staff: SessionStaff, input: QaItemInput): Promise<QaItem> {
  const id = await ctx.db.kysely.transaction().execute((trx) => insertQaDraft(trx, input, staff.id, ctx.now()))
  return getQaItem(ctx, id)
}

/** Drafts change in place; an approved entry gets a new version that needs review (the old one stays live). */
export async function editQaItem(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  input: QaItemInput,
): Promise<QaItem> {
  const saved = await ctx.db.kysely
    .transaction()
    .execute((trx) => saveEdit(trx, 'qa_items', id, qaColumns(input), staff.id, ctx.now()))
  return getQaItem(ctx, saved.id)
}

export async function submitQaItem(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
): Promise<{ item: QaItem; warnings: ComplianceFindingDto[] }> {
  const warnings = await submitForReviewAudited(ctx.db.kysely, 'qa_items', id, {
    actorStaffId: staff.id,
    now: ctx.now(),
    compliance: qaComplianceInput,
    publicBaseUrl: ctx.config.publicBaseUrl,
  })
  return { item: await getQaItem(ctx, id), warnings }
}

export async function approveQaItem(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  body: z.infer<typeof ApproveBody>,
): Promise<QaItem> {
  const now = ctx.now()
  await ctx.db.kysely
    .transaction()
    .execute((trx) => approve(trx, 'qa_items', id, { reviewerStaffId: staff.id, now, ...validityWindow(body, now) }))
  invalidateQaIndex()
  return getQaItem(ctx, id)
}

export async function rejectQaItem(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<QaItem> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => reject(trx, 'qa_items', id, { reviewerStaffId: staff.id, reason, now: ctx.now() }))
  return getQaItem(ctx, id)
}

export async function retireQaItem(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<QaItem> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => retire(trx, 'qa_items', id, { actorStaffId: staff.id, reason, now: ctx.now() }))
  invalidateQaIndex()
  return getQaItem(ctx, id)
}
