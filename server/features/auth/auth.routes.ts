import { Router } from 'express'
import { z } from 'zod'
import { MeSchema, type Me } from '../../contracts/session.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { allow, publicRoute, signedIn } from '../../lib/policy.js'
import { recordAudit } from '../audit/index.js'
import { branchName, isReviewer, staffExists } from '../org/index.js'
import { endRequestSession } from './session-cookie.js'
import { currentStaff } from './session.middleware.js'
import { endStaffSessions } from './sessions.repository.js'

const StaffParams = z.object({ staffId: z.string().min(1).max(64) })

export function authRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/session/me',
    signedIn(),
    doc({ summary: '当前登录的员工', responses: { 200: MeSchema } }),
    async (req, res) => {
      const staff = currentStaff(req)
      const me: Me = { ...staff, branchName: (await branchName(ctx.db.kysely, staff.branchId)) ?? '' }
      // The 合规审核 capability is a middle-office one; other roles' answers stay as they were.
      if (staff.role === 'middle') me.reviewer = await isReviewer(ctx.db.kysely, staff.id)
      res.json(me)
    },
  )
  router.post(
    '/session/logout',
    publicRoute(),
    doc({ summary: '退出登录（结束服务端会话并清除 Cookie）', responses: { 204: null } }),
    async (req, res) => {
      await endRequestSession(req, res, ctx)
      res.status(204).end()
    },
  )
  router.post(
    '/staff/:staffId/sessions/end',
    allow({ roles: ['admin'], scope: 'integration' }),
    doc({
      summary: '结束某位员工的全部会话（如账号被盗、岗位调整）',
      params: StaffParams,
      responses: { 200: z.object({ ended: z.number() }) },
    }),
    async (req, res) => {
      const { staffId } = StaffParams.parse(req.params)
      if (!(await staffExists(ctx.db.kysely, staffId))) throw notFound('员工')
      const ended = await endStaffSessions(ctx.db.kysely, staffId)
      await recordAudit(
        ctx.db.kysely,
        {
          actorStaffId: currentStaff(req).id,
          action: 'sessions.end',
          target: `staff:${staffId}`,
          outcome: 'allowed',
          ip: req.ip,
          detail: { ended },
        },
        ctx.now(),
      )
      res.json({ ended })
    },
  )
  return router
}
