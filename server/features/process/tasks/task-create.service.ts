import { randomUUID } from 'node:crypto'
import type { CreatedTask, MassPreview, TaskBodyT } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import { AppError } from '../../../lib/errors.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { daysBetween, monthOf, today } from '../days.js'
import type { ScopedStaff } from '../staff.repository.js'
import { insertAssignments, insertRecipients } from './assignments.repository.js'
import { resolveAssignees } from './assignees.js'
import { previewMass, type Recipient } from './mass-cap.js'
import { dispatchToWecom } from './task-dispatch.js'
import type { ErrorCode } from '../../../contracts/errors.js'
import { gateTaskText, libraryItem, type LibraryItem } from './task-text.js'
import { insertTask } from './tasks.repository.js'
import type { ComplianceFinding } from '../../compliance/index.js'

const bad = (code: ErrorCode, message: string) => new AppError(code, 400, message)
// Texts that reach customers through WeCom: they pass the compliance gate and, unless copied from an approved item, a second person.
const WITH_TEXT = new Set(['moment', 'mass_send'])

/** Fills a moment / mass-send body from an approved library item (copied in, so the task stands alone). */
function withItem(body: TaskBodyT, item: LibraryItem | null): TaskBodyT {
  if (!item) return body
  return {
    ...body,
    text: body.text || item.body,
    link: body.link ?? (item.link && body.kind === 'mass_send' ? { title: item.title, url: item.link } : null),
  }
}

/** Checks what each kind needs and returns the stored payload and each assignee's target. */
function payloadOf(body: TaskBodyT): { payload: Record<string, unknown>; target: number } {
  const days = daysBetween(body.startDate, body.dueDate) + 1
  switch (body.kind) {
    case 'moment':
      if (!body.text) throw bad('TEXT_REQUIRED', '请填写朋友圈文案或选择内容')
      return { payload: { itemId: body.itemId, text: body.text.slice(0, 2000) }, target: 1 }
    case 'mass_send':
      if (!body.text) throw bad('TEXT_REQUIRED', '请填写群发内容或选择内容')
      if (Buffer.byteLength(body.text) > 4000) throw bad('TEXT_TOO_LONG', '群发文字不能超过 4000 字节')
      if (!body.segments.length) throw bad('SEGMENTS_REQUIRED', '请选择群发的客户分层')
      return {
        payload: {
          itemId: body.itemId,
          text: body.text,
          link: body.link,
          segments: body.segments,
          tagIds: body.tagIds,
        },
        target: 1,
      }
    case 'friend_add':
      if (!body.perDay) throw bad('TARGET_REQUIRED', '请填写每日好友请求数')
      return { payload: { perDay: body.perDay }, target: body.perDay * days }
    case 'verification':
      if (!body.count) throw bad('TARGET_REQUIRED', '请填写需发送的认证链接数')
      return { payload: { count: body.count }, target: body.count }
    case 'reply':
      if (body.minReplyRate === undefined || body.maxReplyMinutes === undefined)
        throw bad('TARGET_REQUIRED', '请填写回复率和平均回复时长要求')
      return {
        payload: { minReplyRate: body.minReplyRate, maxReplyMinutes: body.maxReplyMinutes },
        target: body.minReplyRate,
      }
  }
}

async function prepare(ctx: AppContext, raw: TaskBodyT) {
  if (raw.dueDate < raw.startDate) throw bad('INVALID_DATES', '截止日期不能早于开始日期')
  if (raw.dueDate < today(ctx.now())) throw bad('INVALID_DATES', '截止日期不能早于今天')
  const item = WITH_TEXT.has(raw.kind) ? await libraryItem(ctx, raw.itemId) : null
  const body = withItem(raw, item)
  const spec = payloadOf(body)
  const assignees = await resolveAssignees(ctx.db.kysely, body.staff, body.branches)
  return { body, spec, assignees, item }
}

/** What a mass send would reach and how many customers WeCom's monthly cap would refuse. */
export async function previewTask(ctx: AppContext, raw: TaskBodyT): Promise<MassPreview> {
  const { body, assignees } = await prepare(ctx, { ...raw, kind: 'mass_send' })
  const {
    list: _list,
    blocked: _blocked,
    ...preview
  } = await previewMass(ctx.db.kysely, assignees, body, body.startDate)
  return preview
}

/** Creates the task and its assignments in one transaction, then asks WeCom to create the members' tasks. */
export async function createTask(ctx: AppContext, author: SessionStaff, raw: TaskBodyT): Promise<CreatedTask> {
  const db = ctx.db.kysely
  const id = randomUUID()
  const prepared = await prepare(ctx, raw)
  const { spec } = prepared
  let body = prepared.body
  let review: { status: 'active' | 'pending_review'; findings: ComplianceFinding[] } = {
    status: 'active',
    findings: [],
  }
  if (WITH_TEXT.has(body.kind)) {
    const gated = await gateTaskText(ctx, author, body, prepared.item, { path: 'task.create', taskId: id })
    body = { ...body, text: gated.text }
    spec.payload = { ...spec.payload, text: gated.text }
    review = { status: gated.fromApprovedItem ? 'active' : 'pending_review', findings: gated.findings }
    if (body.kind === 'mass_send' && Buffer.byteLength(gated.text) > 4000)
      throw bad('TEXT_TOO_LONG', '群发文字（含风险提示）不能超过 4000 字节')
    if (body.kind === 'moment' && gated.text.length > 2000)
      throw bad('TEXT_TOO_LONG', '朋友圈文案（含风险提示）不能超过 2000 字')
  }
  let assignees = prepared.assignees
  let recipients: Recipient[] = []
  let skippedOverCap = 0
  if (body.kind === 'mass_send') {
    const preview = await previewMass(db, assignees, body, body.startDate)
    if (preview.overCap > 0 && !body.acceptCap) {
      throw new AppError(
        'MASS_CAP_EXCEEDED',
        409,
        `${preview.overCap} 位客户本月群发已达上限（每位客户每月最多 ${preview.capPerMonth} 条），确认后将跳过这些客户`,
        { ...preview, list: undefined, blocked: undefined },
      )
    }
    recipients = preview.list.filter((r) => !preview.blocked.has(r.externalUserid))
    skippedOverCap = preview.overCap
    assignees = assignees.filter((a) => recipients.some((r) => r.staffUserid === a.userid))
    if (!assignees.length) throw bad('NO_RECIPIENTS', '所选员工名下没有该分层的已认证客户，无法群发')
  }
  const now = ctx.now().toISOString()
  await db.transaction().execute(async (trx) => {
    await insertTask(trx, {
      id,
      kind: body.kind,
      title: body.title,
      payload: JSON.stringify(spec.payload),
      scope: JSON.stringify({ staff: body.staff, branches: body.branches }),
      start_date: body.startDate,
      due_date: body.dueDate,
      created_by: author.userid,
      created_at: now,
      status: review.status,
      wecom_ref: null,
      findings: JSON.stringify(review.findings),
    })
    await insertAssignments(
      trx,
      assignees.map((a: ScopedStaff) => ({
        task_id: id,
        staff_userid: a.userid,
        status: 'open' as const,
        progress: 0,
        target: spec.target,
        wecom_ref: null,
        detail: '{}',
        done_at: null,
        checked_at: null,
      })),
    )
    for (let i = 0; i < recipients.length; i += 500) {
      await insertRecipients(
        trx,
        recipients.slice(i, i + 500).map((r) => ({
          task_id: id,
          staff_userid: r.staffUserid,
          external_userid: r.externalUserid,
          month: monthOf(body.startDate),
        })),
      )
    }
  })
  // Free text waits for a second person (approveTask dispatches it); nothing reaches WeCom before.
  if (review.status === 'pending_review')
    return { id, failures: 0, skippedOverCap, status: review.status, findings: review.findings }
  const failures = await dispatchToWecom(
    ctx,
    id,
    body,
    assignees.map((a) => a.userid),
    recipients,
  )
  return { id, failures, skippedOverCap, status: review.status, findings: review.findings }
}
