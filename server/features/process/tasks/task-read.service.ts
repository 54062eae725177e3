import type { SyncRun, TaskDetail, TaskSummary } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import { AppError, notFound } from '../../../lib/errors.js'
import { listRuns } from '../sync/sync-runs.repository.js'
import { assigneeNames, countAssignmentsByStatus, countRecipientsByTask } from './assignments.repository.js'
import { assignmentsOf, cancelOpenTask, findTask, listLatestTasks, type TaskRow } from './tasks.repository.js'

async function summaries(ctx: AppContext, tasks: TaskRow[]): Promise<TaskSummary[]> {
  if (!tasks.length) return []
  const db = ctx.db.kysely
  const ids = tasks.map((t) => t.id)
  const counts = await countAssignmentsByStatus(db, ids)
  const recipients = await countRecipientsByTask(db, ids)
  return tasks.map((t) => {
    const mine = counts.filter((c) => c.task_id === t.id)
    return {
      id: t.id,
      kind: t.kind,
      title: t.title,
      startDate: t.start_date,
      dueDate: t.due_date,
      createdAt: t.created_at,
      createdBy: t.created_by,
      status: t.status,
      assigned: mine.reduce((a, c) => a + Number(c.n), 0),
      done: Number(mine.find((c) => c.status === 'done')?.n ?? 0),
      recipients: t.kind === 'mass_send' ? Number(recipients.find((r) => r.task_id === t.id)?.n ?? 0) : null,
    }
  })
}

export async function listTasks(ctx: AppContext): Promise<TaskSummary[]> {
  return summaries(ctx, await listLatestTasks(ctx.db.kysely))
}

export async function taskDetail(ctx: AppContext, id: string): Promise<TaskDetail> {
  const db = ctx.db.kysely
  const task = await findTask(db, id)
  if (!task) throw notFound('任务')
  const [summary] = await summaries(ctx, [task])
  const assignments = await assignmentsOf(db, id)
  const staff = assignments.length
    ? await assigneeNames(
        db,
        assignments.map((a) => a.staff_userid),
      )
    : []
  return {
    ...summary!,
    payload: JSON.parse(task.payload) as Record<string, unknown>,
    review: {
      findings: task.findings ? (JSON.parse(task.findings) as NonNullable<TaskDetail['review']>['findings']) : [],
      reviewedBy: task.reviewed_by ?? null,
      reviewedAt: task.reviewed_at ?? null,
      note: task.review_note ?? null,
    },
    assignments: assignments.map((a) => {
      const s = staff.find((x) => x.wecom_userid === a.staff_userid)
      return {
        staffUserid: a.staff_userid,
        staffName: s?.name ?? a.staff_userid,
        branchName: s?.branch ?? '',
        status: a.status,
        progress: Number(a.progress),
        target: Number(a.target),
        doneAt: a.done_at,
        checkedAt: a.checked_at,
        detail: JSON.parse(a.detail) as Record<string, unknown>,
      }
    }),
  }
}

export async function cancelTask(ctx: AppContext, id: string): Promise<void> {
  if ((await cancelOpenTask(ctx.db.kysely, id)) === 0) {
    if (!(await findTask(ctx.db.kysely, id))) throw notFound('任务')
    throw new AppError('ALREADY_CANCELLED', 409, '任务已撤销')
  }
}

export async function syncRuns(ctx: AppContext): Promise<SyncRun[]> {
  return (await listRuns(ctx.db.kysely, 30)).map((r) => ({
    id: Number(r.id),
    job: r.job,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    stats: JSON.parse(r.stats) as Record<string, unknown>,
    error: r.error,
  }))
}
