import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { assertMediaValid, MassAttachment } from './cgi-attachments.js'
import { cgi, E, parseInput } from './cgi-kit.js'
import { page } from './cgi-paging.js'
import { epochSeconds, randomId, stableHash } from './sim-options.js'
import { findTask, insertTask, parseJson, tasksBetween, type TaskTarget } from './sim-tasks.repository.js'
import { activeStaffUserids, findFollow, liveFollowsOfStaff, staffExists } from './sim-world.repository.js'
import { completionOf } from './sim-task-completion.js'

const AddBody = z.object({
  chat_type: z.enum(['single', 'group']).default('single'),
  external_userid: z.array(z.string().min(1)).max(10_000).optional(),
  chat_id_list: z.array(z.string().min(1)).max(2000).optional(),
  sender: z.string().min(1).optional(),
  allow_select: z.boolean().optional(),
  text: z
    .object({ content: z.string().refine((s) => Buffer.byteLength(s) <= 4000, 'content exceeds 4000 bytes') })
    .optional(),
  attachments: z.array(MassAttachment).max(9).optional(),
})
const ListBody = z.object({
  chat_type: z.enum(['single', 'group']),
  start_time: z.number().int().positive(),
  end_time: z.number().int().positive(),
  creator: z.string().optional(),
  filter_type: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(2),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().optional(),
})
const TaskBody = z.object({
  msgid: z.string().min(1),
  limit: z.number().int().min(1).max(1000).default(500),
  cursor: z.string().optional(),
})
const ResultBody = TaskBody.extend({ userid: z.string().min(1) })

/** Mass messages: add_msg_template and the three read-backs, with deterministic sending by each member. */
export function cgiGroupmsgRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = () => ctx.db.kysely
  const loadTask = async (msgid: string) =>
    (await findTask(ctx, 'groupmsg', { id: msgid })) ?? Promise.reject(E.invalidParam('msgid'))

  router.post(
    '/externalcontact/add_msg_template',
    cgi(async (req) => {
      const body = parseInput(AddBody, req.body)
      if (!body.text?.content && !body.attachments?.length) throw E.invalidParam('text or attachments required')
      if (body.chat_type === 'group' && !body.sender) throw E.invalidParam('sender required for group')
      if (body.sender && !(await staffExists(db(), body.sender))) throw E.userNotFound(body.sender)
      await assertMediaValid(ctx, body.attachments ?? [])
      const senders = body.sender ? [body.sender] : await activeStaffUserids(db())
      const follows = await liveFollowsOfStaff(db(), senders)
      const wanted = body.external_userid ? new Set(body.external_userid) : undefined
      const targets: TaskTarget[] = follows
        .filter((f) => (wanted ? wanted.has(f.external_userid) : true))
        .map((f) => ({ userid: f.userid, external_userid: f.external_userid }))
      const reached = new Set(targets.map((t) => t.external_userid))
      const failList = [...(wanted ?? [])].filter((id) => !reached.has(id))
      const msgid = randomId('msg', 24)
      await insertTask(ctx, {
        id: msgid,
        kind: 'groupmsg',
        jobid: null,
        creator: body.sender ?? null,
        create_type: 0,
        chat_type: body.chat_type,
        create_time: epochSeconds(ctx.now()),
        body: JSON.stringify({ text: body.text, attachments: body.attachments ?? [] }),
        senders: JSON.stringify([...new Set(targets.map((t) => t.userid))]),
        targets: JSON.stringify(targets),
      })
      return { fail_list: failList, msgid }
    }),
  )

  router.post(
    '/externalcontact/get_groupmsg_list_v2',
    cgi(async (req) => {
      const body = parseInput(ListBody, req.body)
      if (body.end_time < body.start_time || body.end_time - body.start_time > 31 * 86_400)
        throw E.invalidParam('time range')
      const all = (await tasksBetween(ctx, 'groupmsg', body.start_time, body.end_time))
        .filter((t) => t.chat_type === body.chat_type)
        .filter((t) => body.filter_type === 2 || t.create_type === body.filter_type)
        .filter((t) => !body.creator || t.creator === body.creator)
      const p = page(all, body.cursor, body.limit)
      const list = p.items.map((t) => ({
        msgid: t.id,
        ...(t.creator ? { creator: t.creator } : {}),
        create_time: String(t.create_time),
        create_type: t.create_type,
        ...parseJson<Record<string, unknown>>(t.body),
      }))
      return { group_msg_list: list, next_cursor: p.next_cursor }
    }),
  )

  router.post(
    '/externalcontact/get_groupmsg_task',
    cgi(async (req) => {
      const body = parseInput(TaskBody, req.body)
      const task = await loadTask(body.msgid)
      const now = epochSeconds(ctx.now())
      const rows = await Promise.all(
        parseJson<string[]>(task.senders).map(async (userid) => {
          const c = await completionOf(ctx, userid, task, now)
          return c.done ? { userid, status: 2, send_time: c.at } : { userid, status: 0 }
        }),
      )
      const p = page(rows, body.cursor, body.limit)
      return { task_list: p.items, next_cursor: p.next_cursor }
    }),
  )

  router.post(
    '/externalcontact/get_groupmsg_send_result',
    cgi(async (req) => {
      const body = parseInput(ResultBody, req.body)
      const task = await loadTask(body.msgid)
      const c = await completionOf(ctx, body.userid, task, epochSeconds(ctx.now()))
      const mine = parseJson<TaskTarget[]>(task.targets).filter((t) => t.userid === body.userid)
      const rows = []
      for (const t of mine) {
        if (!c.done) {
          rows.push({ external_userid: t.external_userid, userid: t.userid, status: 0 })
          continue
        }
        const follow = await findFollow(db(), t.userid, t.external_userid)
        // 2: the customer deleted the member meanwhile; 3: a few already got another mass message.
        const status =
          !follow || follow.deleted_by_customer ? 2 : stableHash(task.id + t.external_userid) % 20 === 0 ? 3 : 1
        rows.push({
          external_userid: t.external_userid,
          userid: t.userid,
          status,
          ...(status === 1 ? { send_time: c.at } : {}),
        })
      }
      const p = page(rows, body.cursor, body.limit)
      return { send_list: p.items, next_cursor: p.next_cursor }
    }),
  )

  return router
}
