import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { assertMediaValid, MomentAttachment } from './cgi-attachments.js'
import { cgi, E, parseInput } from './cgi-kit.js'
import { page } from './cgi-paging.js'
import { epochSeconds, randomId } from './sim-options.js'
import { findTask, insertTask, parseJson } from './sim-tasks.repository.js'
import { activeStaffUserids } from './sim-world.repository.js'
import { completionOf } from './sim-task-completion.js'
import type { SimRuntime } from './sim-runtime.js'

const AddBody = z.object({
  text: z.object({ content: z.string().max(2000) }).optional(),
  attachments: z.array(MomentAttachment).max(9).optional(),
  visible_range: z
    .object({
      sender_list: z
        .object({
          user_list: z.array(z.string()).optional(),
          department_list: z.array(z.union([z.number(), z.string()])).optional(),
        })
        .optional(),
      external_contact_list: z.object({ tag_list: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
})
const TaskBody = z.object({
  moment_id: z.string().min(1),
  limit: z.number().int().min(1).max(1000).default(500),
  cursor: z.string().optional(),
})

/** 9 images, or 1 video, or 1 link — never mixed. */
function checkMomentAttachments(list: z.infer<typeof MomentAttachment>[]): void {
  const kinds = new Set(list.map((a) => a.msgtype))
  if (kinds.size > 1) throw E.invalidParam('attachments must be images only, one video or one link')
  if ((kinds.has('video') || kinds.has('link')) && list.length > 1)
    throw E.invalidParam('only one video or link allowed')
}

/** Customer moments: add_moment_task (async job), its result, and per-member publish status. */
export function cgiMomentRoutes(ctx: AppContext, sim: SimRuntime): Router {
  const router = Router()

  router.post(
    '/externalcontact/add_moment_task',
    cgi(async (req) => {
      const body = parseInput(AddBody, req.body)
      const attachments = body.attachments ?? []
      if (!body.text?.content && attachments.length === 0) throw E.invalidParam('text or attachments required')
      checkMomentAttachments(attachments)
      await assertMediaValid(ctx, attachments)
      const staff = await activeStaffUserids(ctx.db.kysely)
      const asked = body.visible_range?.sender_list?.user_list
      const senders = asked ? asked.filter((u) => staff.includes(u)) : staff
      const invalid = asked ? asked.filter((u) => !staff.includes(u)) : []
      const jobid = randomId('job', 24)
      await insertTask(ctx, {
        id: randomId('mom', 24),
        kind: 'moment',
        jobid,
        creator: null,
        create_type: 0,
        chat_type: null,
        create_time: epochSeconds(ctx.now()),
        body: JSON.stringify({ text: body.text, attachments }),
        senders: JSON.stringify(senders),
        targets: JSON.stringify({
          invalid_sender_list: invalid,
          tag_list: body.visible_range?.external_contact_list?.tag_list ?? [],
        }),
      })
      return { jobid }
    }),
  )

  router.get(
    '/externalcontact/get_moment_task_result',
    cgi(async (req) => {
      const jobid = typeof req.query.jobid === 'string' ? req.query.jobid : ''
      const task = await findTask(ctx, 'moment', { jobid })
      if (!task) throw E.invalidParam('jobid')
      const extra = parseJson<{ invalid_sender_list: string[] }>(task.targets)
      // As in WeCom the job takes a while: started (1) for the first polls, running (2) for its first seconds.
      const polls = (sim.momentPolls.get(jobid) ?? 0) + 1
      sim.momentPolls.set(jobid, polls)
      const { momentPollsInProgress, momentJobSeconds } = sim.options
      const elapsed = epochSeconds(ctx.now()) - Number(task.create_time)
      if (polls <= momentPollsInProgress) return { status: 1, type: 'add_moment_task' }
      if (elapsed < momentJobSeconds) return { status: 2, type: 'add_moment_task' }
      return {
        status: 3,
        type: 'add_moment_task',
        result: {
          errcode: 0,
          errmsg: 'ok',
          moment_id: task.id,
          invalid_sender_list: { user_list: extra.invalid_sender_list, department_list: [] },
          invalid_external_contact_list: { tag_list: [] },
        },
      }
    }),
  )

  router.post(
    '/externalcontact/get_moment_task',
    cgi(async (req) => {
      const body = parseInput(TaskBody, req.body)
      const task = await findTask(ctx, 'moment', { id: body.moment_id })
      if (!task) throw E.invalidParam('moment_id')
      const now = epochSeconds(ctx.now())
      const rows = await Promise.all(
        parseJson<string[]>(task.senders).map(async (userid) => ({
          userid,
          publish_status: (await completionOf(ctx, userid, task, now)).done ? 1 : 0,
        })),
      )
      const p = page(rows, body.cursor, body.limit)
      return { task_list: p.items, next_cursor: p.next_cursor }
    }),
  )

  return router
}
