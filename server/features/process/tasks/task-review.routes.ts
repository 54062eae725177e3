import { Router } from 'express'
import { z } from 'zod'
import { TaskParams } from '../../../contracts/process.js'
import { RejectBody } from '../../../contracts/review.js'
import { doc } from '../../../lib/api-docs.js'
import type { AppContext } from '../../../lib/context.js'
import { allow } from '../../../lib/policy.js'
import { currentStaff } from '../../auth/index.js'
import { approveTask, rejectTask } from './task-review.service.js'

const MIDDLE = () => allow({ roles: ['middle'], scope: 'middle-office' })

/** Second-person review of a mass send's or moment's free text before it goes to WeCom. */
export function taskReviewRoutes(ctx: AppContext): Router {
  const router = Router()
  router.post(
    '/tasks/:id/approve',
    MIDDLE(),
    doc({
      summary: '复核通过任务文案（复核人须为他人），随后下发至企业微信',
      params: TaskParams,
      responses: { 200: z.object({ failures: z.number() }) },
    }),
    async (req, res) => {
      res.json(await approveTask(ctx, currentStaff(req), TaskParams.parse(req.params).id))
    },
  )
  router.post(
    '/tasks/:id/reject',
    MIDDLE(),
    doc({ summary: '驳回任务文案（不会下发）', params: TaskParams, body: RejectBody, responses: { 204: null } }),
    async (req, res) => {
      const { reason } = RejectBody.parse(req.body)
      await rejectTask(ctx, currentStaff(req), TaskParams.parse(req.params).id, reason)
      res.status(204).end()
    },
  )
  return router
}
