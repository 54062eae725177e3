import { Router } from 'express'
import { DemoLoginBody, type DemoStaff } from '../../contracts/session.js'
import type { AppContext } from '../../lib/context.js'
import { publicRoute } from '../../lib/policy.js'
import { AppError } from '../../lib/errors.js'
import { issueSession } from '../auth/session-cookie.js'
import { findActiveStaffByUserid, listActiveStaffWithBranch } from '../org/org.repository.js'

/** Demo-only sign-in (DEMO=1): lists seeded staff and signs in as one of them. Never mounted otherwise. */
export function demoRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/demo/staff', publicRoute(), async (_req, res) => {
    const rows = await listActiveStaffWithBranch(ctx.db.kysely)
    const staff: DemoStaff[] = rows.map(({ id: _id, ...r }) => ({ ...r, role: r.role as DemoStaff['role'] }))
    res.json({ staff })
  })
  router.post('/demo/login', publicRoute(), async (req, res) => {
    const { userid } = DemoLoginBody.parse(req.body)
    const staff = await findActiveStaffByUserid(ctx.db.kysely, userid)
    if (!staff) throw new AppError('UNKNOWN_STAFF', 404, '没有这位员工，或该账号已停用')
    issueSession(res, ctx.config, staff.id, ctx.now())
    res.json({ userid: staff.userid, name: staff.name, role: staff.role })
  })
  return router
}
