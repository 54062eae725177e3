import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { runJob } from '../process/index.js'
import { forgetImportedRelations } from '../wecom/index.js'

/**
 * 重置为新企业: our relations table is emptied while WeCom's side stays, as with `DEMO_SCENARIO=new-corp`, and
 * the relation import starts at once through the WeCom client; its progress is on the console's 企微上线 page.
 */
export function simScenarioApiRoutes(ctx: AppContext): Router {
  const router = Router()
  router.post('/scenario/new-corp', async (_req, res) => {
    const cleared = await forgetImportedRelations(ctx.db.kysely)
    void runJob(ctx, 'relations', 'manual').catch((err: unknown) =>
      ctx.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'new-corp reset: import failed'),
    )
    res.status(202).json({ cleared, import: 'started' })
  })
  return router
}
