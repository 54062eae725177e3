import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import { getWecomClient } from '../../wecom/index.js'
import { addDays, dayStartIso, today } from '../days.js'
import { averageReplyOnChatDays, sumFriendRequests } from '../behaviour.repository.js'
import { sumStaffMetric } from '../staff-daily.repository.js'
import { setTaskWecomRef, type AssignmentRow, type TaskRow } from '../tasks/tasks.repository.js'
import type { Progress } from './task-progress.js'

type Client = ReturnType<typeof getWecomClient>

/** Follows `next_cursor` until WeCom says there is no more. */
async function allPages<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; next_cursor: string }>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  do {
    const page = await fetchPage(cursor)
    out.push(...page.items)
    cursor = page.next_cursor || undefined
  } while (cursor)
  return out
}

/** Mass send: the member's confirmation (get_groupmsg_task), then per-customer results (get_groupmsg_send_result). */
export async function massSendProgress(client: Client, a: AssignmentRow): Promise<Progress> {
  if (!a.wecom_ref) return { done: false, progress: 0 }
  const msgid = a.wecom_ref
  const tasks = await allPages(async (cursor) => {
    const r = await client.getGroupMsgTask({ msgid, cursor, limit: 1000 })
    return { items: r.task_list, next_cursor: r.next_cursor }
  })
  const mine = tasks.find((t) => t.userid === a.staff_userid)
  if (!mine || mine.status !== 2) return { done: false, progress: 0 }
  const results = await allPages(async (cursor) => {
    const r = await client.getGroupMsgSendResult({ msgid, userid: a.staff_userid, cursor, limit: 1000 })
    return { items: r.send_list, next_cursor: r.next_cursor }
  })
  const count = (s: number) => results.filter((r) => r.status === s).length
  const detail = { sent: count(1), unsent: count(0), notFriend: count(2), alreadyReceived: count(3) }
  return {
    done: true,
    progress: 1,
    doneAt: mine.send_time ? new Date(mine.send_time * 1000).toISOString() : undefined,
    detail,
  }
}

/** Moment: resolve the async job to a moment id once, then read each member's publish status. */
export async function momentProgress(
  db: Kysely<Database>,
  client: Client,
  task: TaskRow,
): Promise<Map<string, Progress>> {
  let ref = task.wecom_ref ?? ''
  if (ref.startsWith('job:')) {
    const r = await client.getMomentTaskResult(ref.slice(4))
    if (r.status !== 3 || !r.result?.moment_id) return new Map()
    ref = `moment:${r.result.moment_id}`
    await setTaskWecomRef(db, task.id, ref)
  }
  if (!ref.startsWith('moment:')) return new Map()
  const momentId = ref.slice(7)
  const list = await allPages(async (cursor) => {
    const r = await client.getMomentTask({ moment_id: momentId, cursor, limit: 1000 })
    return { items: r.task_list, next_cursor: r.next_cursor }
  })
  return new Map(
    list.map((t) => [t.userid, { done: t.publish_status === 1, progress: t.publish_status === 1 ? 1 : 0 }]),
  )
}

/** The task's days that have data: start … min(due, yesterday). */
function window(ctx: AppContext, task: TaskRow) {
  const yesterday = addDays(today(ctx.now()), -1)
  return { from: task.start_date, to: [task.due_date, yesterday].sort()[0]! }
}

/** Friend requests (behaviour data) or verification links (our events) counted against the target. */
export async function countProgress(ctx: AppContext, task: TaskRow, a: AssignmentRow): Promise<Progress> {
  const db = ctx.db.kysely
  let progress: number
  if (task.kind === 'friend_add') {
    const w = window(ctx, task)
    progress = await sumFriendRequests(db, a.staff_userid, w.from, w.to)
  } else progress = await sumStaffMetric(db, a.staff_userid, 'links_sent', task.start_date, task.due_date)
  return { done: progress >= a.target, progress }
}

/** Reply requirement: judged once the due date is over, on the days with chats. */
export async function replyProgress(
  ctx: AppContext,
  task: TaskRow,
  a: AssignmentRow,
  req: { minReplyRate: number; maxReplyMinutes: number },
): Promise<Progress> {
  const w = window(ctx, task)
  const r = await averageReplyOnChatDays(ctx.db.kysely, a.staff_userid, w.from, w.to)
  const rate = r?.rate == null ? 0 : Number(r.rate)
  const minutes = r?.minutes == null ? null : Number(r.minutes)
  const over = today(ctx.now()) > task.due_date
  const met = rate >= req.minReplyRate && minutes !== null && minutes <= req.maxReplyMinutes
  return {
    done: over && met,
    progress: Math.round(rate * 10) / 10,
    doneAt: dayStartIso(addDays(task.due_date, 1)),
    detail: { replyRate: rate, replyMinutes: minutes, met },
  }
}
