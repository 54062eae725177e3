import { Router } from 'express'
import { PendingCountsSchema } from '../../contracts/console.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { isReviewer } from '../org/index.js'
import { countOpenEscalations, libraryCounts } from './review.repository.js'

/** Pending counts for the console menu: a few indexed counts, read when the console opens or a page changes. */
export function pendingRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/console/pending',
    allow({ roles: ['middle'], scope: 'middle-office' }),
    doc({ summary: '控制台菜单上的待办数（待我审核、被驳回、待回答）', responses: { 200: PendingCountsSchema } }),
    async (req, res) => {
      const me = currentStaff(req)
      const db = ctx.db.kysely
      const reviewer = await isReviewer(db, me.id)
      res.json({
        content: await libraryCounts(db, 'content_items', me.id, reviewer),
        qa: await libraryCounts(db, 'qa_items', me.id, reviewer),
        openEscalations: await countOpenEscalations(db),
      })
    },
  )
  return router
}
