import { Router } from 'express'
import type { Me } from '../../contracts/session.js'
import type { AppContext } from '../../lib/context.js'
import { clearSession } from './session-cookie.js'
import { publicRoute, signedIn } from '../../lib/policy.js'
import { currentStaff } from './session.middleware.js'

export function authRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/session/me', signedIn(), async (req, res) => {
    const staff = currentStaff(req)
    const branch = await ctx.db.kysely.selectFrom('branches').select('name').where('id', '=', staff.branchId).executeTakeFirst()
    const me: Me = { ...staff, branchName: branch?.name ?? '' }
    res.json(me)
  })
  router.post('/session/logout', publicRoute(), (_req, res) => {
    clearSession(res, ctx.config)
    res.status(204).end()
  })
  return router
}
