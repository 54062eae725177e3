import { sql } from 'kysely'
import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { publicRoute } from '../../lib/policy.js'
import { APP_VERSION } from '../../lib/version.js'

export function healthRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/health', publicRoute(), async (_req, res) => {
    await sql`select 1`.execute(ctx.db.kysely)
    res.json({ ok: true, db: ctx.db.dialect, version: APP_VERSION })
  })
  return router
}
