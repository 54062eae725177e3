import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { groupsOfStaff } from './sim-groups.repository.js'
import { staffExists } from './sim-world.repository.js'

const UserParams = z.object({ userid: z.string().min(1).max(64) })

/** Demo helper for the desktop page: the customer groups a member owns or sits in. */
export function simGroupsApiRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/staff/:userid/groups', async (req, res) => {
    const { userid } = UserParams.parse(req.params)
    if (!(await staffExists(ctx.db.kysely, userid))) throw notFound('员工')
    const rows = await groupsOfStaff(ctx.db.kysely, userid)
    res.json({
      groups: rows.map((g) => ({
        chatId: g.chat_id,
        name: g.name,
        owner: g.owner,
        isOwner: g.owner === userid,
        memberCount: g.member_count,
        createTime: g.create_time,
      })),
    })
  })
  return router
}
