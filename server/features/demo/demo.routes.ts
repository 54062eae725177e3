import { Router } from 'express'
import { z } from 'zod'
import { DemoLoginBody, DemoStaffSchema, StaffRoleSchema, type DemoStaff } from '../../contracts/session.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { publicRoute } from '../../lib/policy.js'
import { AppError } from '../../lib/errors.js'
import { issueSession } from '../auth/index.js'
import { findActiveStaffByUserid, listActiveStaffWithBranch } from '../org/index.js'

/** Demo-only sign-in (DEMO=1): lists seeded staff and signs in as one of them. Never mounted otherwise. */
export function demoRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/demo/staff',
    publicRoute(),
    doc({
      summary: '演示模式：可登录的员工列表（仅 DEMO=1）',
      responses: { 200: z.object({ staff: z.array(DemoStaffSchema) }) },
    }),
    async (_req, res) => {
      const rows = await listActiveStaffWithBranch(ctx.db.kysely)
      const staff: DemoStaff[] = rows.map(({ id: _id, ...r }) => ({ ...r, role: r.role as DemoStaff['role'] }))
      res.json({ staff })
    },
  )
  router.post(
    '/demo/login',
    publicRoute(),
    doc({
      summary: '演示模式：以某位员工登录（仅 DEMO=1）',
      body: DemoLoginBody,
      responses: { 200: z.object({ userid: z.string(), name: z.string(), role: StaffRoleSchema }) },
    }),
    async (req, res) => {
      const { userid } = DemoLoginBody.parse(req.body)
      const staff = await findActiveStaffByUserid(ctx.db.kysely, userid)
      if (!staff) throw new AppError('UNKNOWN_STAFF', 404, '没有这位员工，或该账号已停用')
      await issueSession(res, ctx, staff.id)
      res.json({ userid: staff.userid, name: staff.name, role: staff.role })
    },
  )
  return router
}
