import type { AppContext } from '../../../lib/context.js'
import { getWecomClient } from '../../wecom/index.js'
import { addDays, today } from '../days.js'
import { ReplyPayload } from '../tasks/task-payload.js'
import { assignmentsOf, tasksToCheck } from '../tasks/tasks.repository.js'
import { countProgress, massSendProgress, momentProgress, replyProgress } from './task-sources.js'
import { saveProgress, type Progress } from './task-progress.js'

/** Completions arriving this long after the due date still count (late, but done). */
const GRACE_DAYS = 7

/** Reads each open assignment's completion from its source of truth; done ones are not asked again. */
export async function syncTasks(ctx: AppContext): Promise<Record<string, number>> {
  const db = ctx.db.kysely
  const client = getWecomClient(ctx)
  const now = ctx.now()
  const stats = { tasks: 0, checked: 0, completed: 0 }
  for (const task of await tasksToCheck(db, addDays(today(now), -GRACE_DAYS))) {
    stats.tasks++
    const open = (await assignmentsOf(db, task.id)).filter((a) => a.status === 'open')
    if (!open.length) continue
    const moments = task.kind === 'moment' ? await momentProgress(db, client, task) : undefined
    for (const a of open) {
      let p: Progress | undefined
      if (task.kind === 'mass_send') p = await massSendProgress(client, a)
      else if (task.kind === 'moment') p = moments!.get(a.staff_userid)
      else if (task.kind === 'reply')
        p = await replyProgress(ctx, task, a, ReplyPayload.parse(JSON.parse(task.payload)))
      else p = await countProgress(ctx, task, a)
      if (!p) continue
      stats.checked++
      if (await saveProgress(db, task, a, p, now)) stats.completed++
    }
  }
  return stats
}
