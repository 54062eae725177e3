import { Router } from 'express'
import type { Kysely } from 'kysely'
import { PendingCountsSchema } from '../../contracts/console.js'
import type { Database } from '../../db/database.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'

async function libraryCounts(db: Kysely<Database>, table: 'content_items' | 'qa_items', me: string, reviewer: boolean) {
  const count = (status: 'in_review' | 'rejected', mine: boolean) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', status)
      .where('author_staff_id', mine ? '=' : '!=', me)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n))
  return { toReview: reviewer ? await count('in_review', false) : 0, rejectedMine: await count('rejected', true) }
}

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
      const staff = await db.selectFrom('staff').select('reviewer').where('id', '=', me.id).executeTakeFirst()
      const reviewer = Number(staff?.reviewer ?? 0) === 1
      const open = await db
        .selectFrom('escalations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow()
      res.json({
        content: await libraryCounts(db, 'content_items', me.id, reviewer),
        qa: await libraryCounts(db, 'qa_items', me.id, reviewer),
        openEscalations: Number(open.n),
      })
    },
  )
  return router
}
