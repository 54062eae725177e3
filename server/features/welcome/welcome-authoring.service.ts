import type { z } from 'zod'
import type { WelcomeMessage, WelcomeMessageBody, WelcomeOverview } from '../../contracts/welcome.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit/index.js'
import type { ComplianceFinding, ComplianceInput } from '../review/index.js'
import {
  approve,
  insertDraft,
  isLive,
  reject,
  retire,
  saveEdit,
  staffNames,
  submitForReviewAudited,
  toReviewInfo,
  validityWindow,
} from '../review/index.js'
import {
  branchExists,
  findMessage,
  listBranches,
  listMessages,
  listStaffNamesByUserid,
  recentSends,
  type WelcomeMessageRow,
} from './welcome.repository.js'

const TABLE = 'welcome_messages'
type Body = z.output<typeof WelcomeMessageBody>

/** What the gate reads: the text and the link card's words, the link itself against the allowlist. */
export function complianceInputOf(
  row: Pick<WelcomeMessageRow, 'text' | 'link_title' | 'link_desc' | 'link_url'>,
): ComplianceInput {
  return {
    fields: {
      text: row.text,
      ...(row.link_title ? { linkTitle: row.link_title } : {}),
      ...(row.link_desc ? { linkDesc: row.link_desc } : {}),
    },
    topic: 'general',
    links: row.link_url ? [row.link_url] : [],
  }
}

async function columnsOf(ctx: AppContext, body: Body) {
  if (body.branchId) {
    if (!(await branchExists(ctx.db.kysely, body.branchId)))
      throw new AppError('VALIDATION_FAILED', 400, '参数 branchId 不正确：机构不存在')
  }
  return {
    title: body.title,
    text: body.text,
    branch_id: body.branchId,
    link_title: body.link?.title ?? null,
    link_url: body.link?.url ?? null,
    link_desc: body.link?.desc ?? null,
  }
}

const audit = (ctx: AppContext, staff: SessionStaff, action: string, id: number) =>
  recordAudit(ctx.db.kysely, { actorStaffId: staff.id, action, target: `welcome:${id}`, outcome: 'allowed' }, ctx.now())

export async function createWelcome(ctx: AppContext, staff: SessionStaff, body: Body): Promise<{ id: number }> {
  const values = await columnsOf(ctx, body)
  const id = await ctx.db.kysely.transaction().execute((trx) => insertDraft(trx, TABLE, values, staff.id, ctx.now()))
  await audit(ctx, staff, 'welcome.create', id)
  return { id }
}

export async function editWelcome(ctx: AppContext, staff: SessionStaff, id: number, body: Body) {
  const values = await columnsOf(ctx, body)
  const saved = await ctx.db.kysely
    .transaction()
    .execute((trx) => saveEdit(trx, TABLE, id, values, staff.id, ctx.now()))
  await audit(ctx, staff, 'welcome.edit', saved.id)
  return saved
}

export async function submitWelcome(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
): Promise<{ findings: ComplianceFinding[] }> {
  const findings = await submitForReviewAudited(ctx.db.kysely, TABLE, id, {
    actorStaffId: staff.id,
    now: ctx.now(),
    compliance: (row) => complianceInputOf(row as WelcomeMessageRow),
    publicBaseUrl: ctx.config.publicBaseUrl,
  })
  return { findings }
}

export async function approveWelcome(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  body: { validFrom?: string; validUntil: string },
) {
  const now = ctx.now()
  const approval = await ctx.db.kysely
    .transaction()
    .execute((trx) => approve(trx, TABLE, id, { reviewerStaffId: staff.id, now, ...validityWindow(body, now) }))
  await audit(ctx, staff, 'welcome.approve', id)
  return approval
}

export async function rejectWelcome(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<void> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => reject(trx, TABLE, id, { reviewerStaffId: staff.id, reason, now: ctx.now() }))
  await audit(ctx, staff, 'welcome.reject', id)
}

export async function retireWelcome(ctx: AppContext, staff: SessionStaff, id: number, reason: string): Promise<void> {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => retire(trx, TABLE, id, { actorStaffId: staff.id, reason, now: ctx.now() }))
  await audit(ctx, staff, 'welcome.retire', id)
}

const maskId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}****${id.slice(-4)}` : '****')

/** Every version with its review state, the last 50 greetings and the branches a message may target. */
export async function welcomeOverview(ctx: AppContext): Promise<WelcomeOverview> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const [rows, sends, branches] = await Promise.all([listMessages(db), recentSends(db, 50), listBranches(db)])
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.author_staff_id, r.reviewer_staff_id]),
  )
  const staffRows = sends.length ? await listStaffNamesByUserid(db, [...new Set(sends.map((s) => s.staff_userid))]) : []
  const staffName = new Map(staffRows.map((s) => [s.wecom_userid, s.name]))
  const branchName = new Map(branches.map((b) => [b.id, b.name]))
  const messages: WelcomeMessage[] = rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    text: r.text,
    branchId: r.branch_id,
    branchName: r.branch_id ? (branchName.get(r.branch_id) ?? null) : null,
    link: r.link_url ? { title: r.link_title ?? '', url: r.link_url, desc: r.link_desc } : null,
    live: isLive(r, now),
    review: toReviewInfo({ ...r, id: Number(r.id) }, names),
  }))
  return {
    messages,
    sends: sends.map((s) => ({
      id: Number(s.id),
      staffUserid: s.staff_userid,
      staffName: staffName.get(s.staff_userid) ?? null,
      externalUserid: maskId(s.external_userid),
      messageId: s.message_id === null ? null : Number(s.message_id),
      approvalNo: s.approval_no,
      result: s.result,
      errcode: s.errcode === null ? null : Number(s.errcode),
      error: s.error,
      attemptedAt: s.attempted_at,
    })),
    branches,
  }
}

export { findMessage }
