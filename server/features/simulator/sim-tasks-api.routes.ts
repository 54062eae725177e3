import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { markTaskDone, tasksOfMember } from './sim-task-completion.js'
import { findTask } from './sim-tasks.repository.js'
import { staffExists } from './sim-world.repository.js'

const Params = z.object({ userid: z.string().min(1).max(64) })
const DoneParams = Params.extend({ taskId: z.string().min(1).max(64) })

/** Demo helpers: a member's mass/moment tasks, and "I sent it / I posted it" from the desktop page. */
export function simTasksApiRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/staff/:userid/tasks', async (req, res) => {
    const { userid } = Params.parse(req.params)
    if (!(await staffExists(ctx.db.kysely, userid))) throw notFound('员工')
    res.json({ tasks: await tasksOfMember(ctx, userid) })
  })
  router.post('/staff/:userid/tasks/:taskId/done', async (req, res) => {
    const { userid, taskId } = DoneParams.parse(req.params)
    const task = (await findTask(ctx, 'groupmsg', { id: taskId })) ?? (await findTask(ctx, 'moment', { id: taskId }))
    if (!task || !(JSON.parse(task.senders) as string[]).includes(userid)) throw notFound('任务')
    await markTaskDone(ctx, userid, taskId)
    res.status(204).end()
  })
  return router
}
