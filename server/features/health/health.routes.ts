import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { ErrorEnvelopeSchema, HealthSchema, ReadySchema } from '../../contracts/common.js'
import { migrationStatus } from '../../db/migrate.js'
import { AppError } from '../../lib/errors.js'
import { doc } from '../../lib/api-docs.js'
import { publicRoute } from '../../lib/policy.js'
import { APP_VERSION } from '../../lib/version.js'
import { pingDatabase } from './health.repository.js'

export function healthRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/health',
    publicRoute(),
    doc({ summary: '健康检查：数据库可用、方言与版本', responses: { 200: HealthSchema } }),
    async (_req, res) => {
      await pingDatabase(ctx.db.kysely)
      res.json({ ok: true, db: ctx.db.dialect, version: APP_VERSION })
    },
  )
  router.get(
    '/ready',
    publicRoute(),
    doc({
      summary: '就绪检查：数据库可达且迁移已全部执行（负载均衡据此接入流量；/health 只说明进程存活）',
      responses: { 200: ReadySchema, 503: ErrorEnvelopeSchema },
    }),
    async (_req, res) => {
      const status = await pingDatabase(ctx.db.kysely)
        .then(() => migrationStatus(ctx.db))
        .catch(() => undefined)
      if (!status) throw new AppError('NOT_READY', 503, '数据库不可达：请检查 DATABASE_URL 与数据库状态')
      const [first] = status.pending
      if (first)
        throw new AppError('NOT_READY', 503, `数据库迁移未完成（待执行 ${status.pending.length} 个，首个 ${first}）`)
      res.json({ ready: true, db: ctx.db.dialect, migrations: status.applied })
    },
  )
  return router
}
