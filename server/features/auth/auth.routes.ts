import { Router } from 'express'
import { MeSchema, type Me } from '../../contracts/session.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { clearSession } from './session-cookie.js'
import { publicRoute, signedIn } from '../../lib/policy.js'
import { currentStaff } from './session.middleware.js'

export function authRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/session/me',
    signedIn(),
    doc({ summary: '当前登录的员工', responses: { 200: MeSchema } }),
    async (req, res) => {
      const staff = currentStaff(req)
      const branch = await ctx.db.kysely
        .selectFrom('branches')
        .select('name')
        .where('id', '=', staff.branchId)
        .executeTakeFirst()
      const me: Me = { ...staff, branchName: branch?.name ?? '' }
      // The 合规审核 capability is a middle-office one; other roles' answers stay as they were.
      if (staff.role === 'middle') {
        const row = await ctx.db.kysely
          .selectFrom('staff')
          .select('reviewer')
          .where('id', '=', staff.id)
          .executeTakeFirst()
        me.reviewer = Number(row?.reviewer ?? 0) === 1
      }
      res.json(me)
    },
  )
  router.post(
    '/session/logout',
    publicRoute(),
    doc({ summary: '退出登录（清除会话 Cookie）', responses: { 204: null } }),
    (_req, res) => {
      clearSession(res, ctx.config)
      res.status(204).end()
    },
  )
  return router
}
