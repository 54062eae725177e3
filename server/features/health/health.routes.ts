import { sql } from 'kysely'
import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { HealthSchema } from '../../contracts/common.js'
import { doc } from '../../lib/api-docs.js'
import { publicRoute } from '../../lib/policy.js'
import { APP_VERSION } from '../../lib/version.js'

export function healthRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/health',
    publicRoute(),
    doc({ summary: '健康检查：数据库可用、方言与版本', responses: { 200: HealthSchema } }),
    async (_req, res) => {
      await sql`select 1`.execute(ctx.db.kysely)
      res.json({ ok: true, db: ctx.db.dialect, version: APP_VERSION })
    },
  )
  return router
}
