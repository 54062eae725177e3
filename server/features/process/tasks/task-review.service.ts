import type { TaskBodyT } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import { AppError, notFound } from '../../../lib/errors.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { assigneeUseridsOf, recipientsOfTask } from './assignments.repository.js'
import type { Recipient } from './mass-cap.js'
import { dispatchToWecom } from './task-dispatch.js'
import { gateTaskText } from './task-text.js'
import { findActiveRoleAndReviewer } from '../staff.repository.js'
import { decidePendingTask, findTask, type TaskRow } from './tasks.repository.js'

async function pendingTask(ctx: AppContext, reviewer: SessionStaff, id: string): Promise<TaskRow> {
  const task = await findTask(ctx.db.kysely, id)
  if (!task) throw notFound('任务')
  if (task.status !== 'pending_review') throw new AppError('NOT_PENDING_REVIEW', 409, '该任务不在待复核状态')
  const staff = await findActiveRoleAndReviewer(ctx.db.kysely, reviewer.id)
  if (!staff || staff.role !== 'middle' || Number(staff.reviewer) !== 1)
    throw new AppError('NOT_REVIEWER', 403, '只有具备审核权限的中台人员可以复核任务文案')
  if (task.created_by === reviewer.userid)
    throw new AppError('SELF_APPROVAL', 403, '不能复核自己下达的任务，请由其他审核人员处理')
  return task
}

async function decide(
  ctx: AppContext,
  task: TaskRow,
  reviewer: SessionStaff,
  status: 'active' | 'rejected',
  note: string | null,
) {
  const decision = { status, reviewedBy: reviewer.userid, reviewedAt: ctx.now().toISOString(), note }
  if ((await decidePendingTask(ctx.db.kysely, task.id, decision)) !== 1)
    throw new AppError('CONCURRENT_CHANGE', 409, '任务已被他人处理，请刷新后重试')
}

/**
 * A second person approves a task's free text: it passes the gate again (the lexicon may have changed),
 * then — only now — goes to WeCom.
 */
export async function approveTask(ctx: AppContext, reviewer: SessionStaff, id: string): Promise<{ failures: number }> {
  const task = await pendingTask(ctx, reviewer, id)
  const payload = JSON.parse(task.payload) as { text: string; link?: TaskBodyT['link'] }
  const body = { text: payload.text, link: payload.link ?? null }
  await gateTaskText(ctx, reviewer, body, null, { path: 'task.approve', taskId: id })
  await decide(ctx, task, reviewer, 'active', null)
  const db = ctx.db.kysely
  const [assignments, recipients] = await Promise.all([assigneeUseridsOf(db, id), recipientsOfTask(db, id)])
  const failures = await dispatchToWecom(
    ctx,
    id,
    { ...body, kind: task.kind },
    assignments.map((a) => a.staff_userid),
    recipients.map((r): Recipient => ({ staffUserid: r.staff_userid, externalUserid: r.external_userid })),
  )
  return { failures }
}

/** The reviewer refuses the text; the task never reaches WeCom. */
export async function rejectTask(ctx: AppContext, reviewer: SessionStaff, id: string, reason: string): Promise<void> {
  const task = await pendingTask(ctx, reviewer, id)
  await decide(ctx, task, reviewer, 'rejected', reason)
}
