import { Router } from 'express'
import { z } from 'zod'
import { UnansweredQuestionSchema } from '../../contracts/replies.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { listUnanswered } from './learning.service.js'

const MIDDLE_OFFICE = () => allow({ roles: ['middle'], scope: 'middle-office' })

/** What the library is missing: unanswered and no-result questions by frequency, customer details masked. */
export function consoleLearningRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/console/qa-unanswered',
    MIDDLE_OFFICE(),
    doc({
      summary: '近 90 天未找到答案与未答复的问题（按次数排序，已去除客户信息）',
      responses: { 200: z.object({ questions: z.array(UnansweredQuestionSchema) }) },
    }),
    async (_req, res) => {
      res.json({ questions: await listUnanswered(ctx) })
    },
  )
  return router
}
