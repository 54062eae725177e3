import type { z } from 'zod'
import type { ContentDetail, ContentItemBody } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import {
  approve,
  checkCompliance,
  type ComplianceFinding,
  insertDraft,
  reject,
  retire,
  saveEdit,
  submitForReviewAudited,
  validityWindow,
} from '../review/index.js'
import { complianceInputOf } from './content-mapper.js'
import { findContentRow, listVersions, toItems } from './content.repository.js'

type ItemInput = z.output<typeof ContentItemBody>

/** API input → the item's own columns (the workflow adds its columns itself). */
function toColumns(v: ItemInput) {
  const image = v.kind === 'image' && v.image ? /^data:(image\/(?:png|jpeg));base64,(.*)$/.exec(v.image) : null
  return {
    kind: v.kind,
    title: v.title,
    body: v.body,
    link: v.link || null,
    topic: v.topic,
    segments: JSON.stringify(v.segments),
    min_risk_level: v.minRiskLevel ?? null,
    disclaimer: v.disclaimer?.trim() || null,
    tags: JSON.stringify(v.tags),
    chart_symbol: v.kind === 'chart' ? (v.chartSymbol ?? null) : null,
    chart_window_days: v.kind === 'chart' ? (v.chartWindowDays ?? null) : null,
    ...(image
      ? { image_mime: image[1]!, image_base64: image[2]! }
      : v.kind === 'image'
        ? {}
        : { image_mime: null, image_base64: null }),
  }
}

export async function createContent(ctx: AppContext, staff: SessionStaff, input: ItemInput): Promise<{ id: number }> {
  const id = await ctx.db.kysely
    .transaction()
    .execute((trx) => insertDraft(trx, 'content_items', toColumns(input), staff.id, ctx.now()))
  return { id }
}

export async function editContent(ctx: AppContext, staff: SessionStaff, id: number, input: ItemInput) {
  return ctx.db.kysely
    .transaction()
    .execute((trx) => saveEdit(trx, 'content_items', id, toColumns(input), staff.id, ctx.now()))
}

export async function submitContent(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
): Promise<{ findings: ComplianceFinding[] }> {
  const findings = await submitForReviewAudited(ctx.db.kysely, 'content_items', id, {
    actorStaffId: staff.id,
    now: ctx.now(),
    compliance: (row) => complianceInputOf(row as Parameters<typeof complianceInputOf>[0]),
    publicBaseUrl: ctx.config.publicBaseUrl,
  })
  return { findings }
}

export async function approveContent(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  body: { validFrom?: string; validUntil: string },
) {
  const now = ctx.now()
  return ctx.db.kysely
    .transaction()
    .execute((trx) =>
      approve(trx, 'content_items', id, { reviewerStaffId: staff.id, now, ...validityWindow(body, now) }),
    )
}

export async function rejectContent(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<void> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => reject(trx, 'content_items', id, { reviewerStaffId: staff.id, reason, now: ctx.now() }))
}

export async function retireContent(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<void> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => retire(trx, 'content_items', id, { actorStaffId: staff.id, reason, now: ctx.now() }))
}

/** One version with its history and what the compliance check says about it now. */
export async function contentDetail(ctx: AppContext, id: number): Promise<ContentDetail> {
  const db = ctx.db.kysely
  const row = await findContentRow(db, id)
  const [[item], versions, findings] = await Promise.all([
    toItems(db, [row], ctx.now()),
    listVersions(db, Number(row.root_id ?? row.id)),
    checkCompliance(db, complianceInputOf(row), { publicBaseUrl: ctx.config.publicBaseUrl }),
  ])
  return { item: item!, versions, findings }
}
