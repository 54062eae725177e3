import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { cgi, E, parseInput } from './cgi-kit.js'
import { page } from './cgi-paging.js'
import { externalContactShape, followInfoShape, followUserShape } from './contact-shapes.js'
import {
  activeStaffUserids,
  findPerson,
  liveFollowsOfPerson,
  liveFollowsOfStaff,
  peopleByIds,
  staffExists,
} from './sim-world.repository.js'

/** externalcontact/get pages followers 500 at a time. */
const FOLLOWERS_PER_PAGE = 500

const GetQuery = z.object({ external_userid: z.string().optional(), cursor: z.string().optional() })
const ListQuery = z.object({ userid: z.string().optional() })
const BatchBody = z.object({
  userid_list: z.array(z.string().min(1)).min(1).max(100),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).optional(),
})

/** Customer contact reads: follow user list, list, get (+cursor) and batch/get_by_user. */
export function cgiContactRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = () => ctx.db.kysely

  router.get(
    '/externalcontact/get_follow_user_list',
    cgi(async () => ({ follow_user: await activeStaffUserids(db()) })),
  )

  router.get(
    '/externalcontact/list',
    cgi(async (req) => {
      const { userid } = parseInput(ListQuery, req.query)
      if (!userid) throw E.invalidParam('userid')
      if (!(await staffExists(db(), userid))) throw E.userNotFound(userid)
      const follows = await liveFollowsOfStaff(db(), [userid])
      // WeCom answers a member without customers with 84061 rather than an empty list.
      if (follows.length === 0) throw E.notExternalContact()
      return { external_userid: follows.map((f) => f.external_userid) }
    }),
  )

  router.get(
    '/externalcontact/get',
    cgi(async (req) => {
      const q = parseInput(GetQuery, req.query)
      if (!q.external_userid) throw E.invalidExternalUserid()
      const person = await findPerson(db(), q.external_userid)
      if (!person) throw E.invalidExternalUserid()
      const follows = await liveFollowsOfPerson(db(), person.external_userid)
      if (follows.length === 0) throw E.notExternalContact()
      const p = page(follows, q.cursor, FOLLOWERS_PER_PAGE)
      return {
        external_contact: externalContactShape(person),
        follow_user: p.items.map(followUserShape),
        next_cursor: p.next_cursor,
      }
    }),
  )

  router.post(
    '/externalcontact/batch/get_by_user',
    cgi(async (req) => {
      const body = parseInput(BatchBody, req.body)
      for (const userid of body.userid_list) if (!(await staffExists(db(), userid))) throw E.userNotFound(userid)
      const follows = await liveFollowsOfStaff(db(), body.userid_list)
      const p = page(follows, body.cursor, body.limit ?? 50)
      const people = await peopleByIds(
        db(),
        p.items.map((f) => f.external_userid),
      )
      const list = p.items.flatMap((f) => {
        const person = people.get(f.external_userid)
        return person ? [{ external_contact: externalContactShape(person), follow_info: followInfoShape(f) }] : []
      })
      return { external_contact_list: list, next_cursor: p.next_cursor }
    }),
  )

  return router
}
