import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { cgi, parseInput, WecomError } from './cgi-kit.js'
import { page } from './cgi-paging.js'
import { findGroup, groupMembers, listGroups, type SimGroupMember } from './sim-groups.repository.js'
import { peopleByIds, type SimPerson } from './sim-world.repository.js'

const ListBody = z.object({
  // 0 (default) = no filter; 1 owner left, 2 handover in progress, 3 handover done.
  status_filter: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  owner_filter: z.object({ userid_list: z.array(z.string().min(1)).max(100).optional() }).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(1000),
})
const GetBody = z.object({
  chat_id: z.string().min(1).max(64),
  need_name: z.union([z.literal(0), z.literal(1)]).optional(),
})

/**
 * An unknown chat_id. WeCom's global errcode list gives 40050 as "chatid不存在" (confirmed only in a
 * third-party copy of that list, not on the groupchat/get page itself).
 */
const chatNotFound = () => new WecomError(40050, 'chatid not found')

async function staffNames(ctx: AppContext, userids: string[]): Promise<Map<string, string>> {
  if (userids.length === 0) return new Map()
  const rows = await ctx.db.kysely
    .selectFrom('staff')
    .select(['wecom_userid', 'name'])
    .where('wecom_userid', 'in', userids)
    .$narrowType<{ wecom_userid: string }>()
    .execute()
  return new Map(rows.map((r) => [r.wecom_userid, r.name]))
}

/** One member_list entry: `name` only with need_name=1, `unionid` only for WeChat users, `invitor` only when a member invited them. */
function memberShape(m: SimGroupMember, name: string | undefined, person: SimPerson | undefined, needName: boolean) {
  return {
    userid: m.userid,
    type: m.type,
    join_time: Number(m.join_time),
    join_scene: m.join_scene,
    ...(m.invitor ? { invitor: { userid: m.invitor } } : {}),
    group_nickname: m.group_nickname,
    ...(needName ? { name: name ?? '' } : {}),
    ...(person && person.type === 1 && person.unionid ? { unionid: person.unionid } : {}),
  }
}

/** Customer groups (客户群): groupchat/list (filtered, paged) and groupchat/get. */
export function cgiGroupchatRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = () => ctx.db.kysely

  router.post(
    '/externalcontact/groupchat/list',
    cgi(async (req) => {
      const body = parseInput(ListBody, req.body)
      const status = body.status_filter ? body.status_filter : undefined
      const groups = await listGroups(db(), {
        status,
        owners: body.owner_filter?.userid_list?.length ? body.owner_filter.userid_list : undefined,
      })
      const p = page(groups, body.cursor, body.limit)
      return {
        group_chat_list: p.items.map((g) => ({ chat_id: g.chat_id, status: g.status })),
        next_cursor: p.next_cursor,
      }
    }),
  )

  router.post(
    '/externalcontact/groupchat/get',
    cgi(async (req) => {
      const body = parseInput(GetBody, req.body)
      const group = await findGroup(db(), body.chat_id)
      if (!group) throw chatNotFound()
      const members = await groupMembers(db(), group.chat_id)
      const staff = await staffNames(
        ctx,
        members.filter((m) => m.type === 1).map((m) => m.userid),
      )
      const people = await peopleByIds(
        db(),
        members.filter((m) => m.type === 2).map((m) => m.userid),
      )
      const needName = body.need_name === 1
      return {
        group_chat: {
          chat_id: group.chat_id,
          name: group.name,
          owner: group.owner,
          create_time: Number(group.create_time),
          notice: group.notice,
          member_list: members.map((m) =>
            memberShape(
              m,
              m.type === 1 ? staff.get(m.userid) : people.get(m.userid)?.name,
              people.get(m.userid),
              needName,
            ),
          ),
          admin_list: [],
          member_version: String(members.length),
        },
      }
    }),
  )

  return router
}
