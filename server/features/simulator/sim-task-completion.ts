import type { AppContext } from '../../lib/context.js'
import { epochSeconds } from './sim-options.js'
import type { SimTask } from './sim-tasks.repository.js'
import { taskCompletion } from './staff-profile.js'

/** A member's completion of a mass/moment task: marked on the /simulator desktop, else the member's profile. */
export async function completionOf(
  ctx: AppContext,
  userid: string,
  task: SimTask,
  now: number,
): Promise<{ done: boolean; at: number }> {
  const marked = await ctx.db.kysely
    .selectFrom('sim_task_done')
    .select('done_at')
    .where('task_id', '=', task.id)
    .where('userid', '=', userid)
    .executeTakeFirst()
  if (marked) return { done: true, at: Number(marked.done_at) }
  return taskCompletion(userid, task.id, Number(task.create_time), now)
}

/** The member's mass and moment tasks with their state, newest first (the desktop's task panel). */
export async function tasksOfMember(ctx: AppContext, userid: string) {
  const rows = await ctx.db.kysely
    .selectFrom('sim_tasks')
    .selectAll()
    .orderBy('create_time', 'desc')
    .limit(100)
    .execute()
  const now = epochSeconds(ctx.now())
  const mine = rows.filter((t) => (JSON.parse(t.senders) as string[]).includes(userid))
  return Promise.all(
    mine.map(async (t) => {
      const body = JSON.parse(t.body) as { text?: { content?: string } }
      return {
        id: t.id,
        kind: t.kind,
        createTime: Number(t.create_time),
        text: body.text?.content ?? '',
        done: (await completionOf(ctx, userid, t, now)).done,
      }
    }),
  )
}

export async function markTaskDone(ctx: AppContext, userid: string, taskId: string): Promise<void> {
  await ctx.db.kysely
    .insertInto('sim_task_done')
    .values({ task_id: taskId, userid, done_at: epochSeconds(ctx.now()) })
    .onConflict((oc) => oc.columns(['task_id', 'userid']).doNothing())
    .execute()
}
