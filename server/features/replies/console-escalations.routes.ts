import { Router } from 'express'
import { z } from 'zod'
import {
  AnswerBody,
  EscalationMetricsSchema,
  InboxEscalationSchema,
  InboxQuery,
  MetricsQuery,
  PromoteBody,
  QaItemSchema,
} from '../../contracts/replies.js'
import { IdParams } from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import { withPlainText } from '../../lib/plain-text.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { escalationMetrics } from './escalation-metrics.js'
import { answerEscalation, claimEscalation, listInbox, promoteEscalation } from './escalation-inbox.service.js'

const MIDDLE_OFFICE = () => allow({ roles: ['middle'], scope: 'middle-office' })
// Answers and the entries made from them are stored as plain text (server/lib/plain-text.ts).
const Answer = withPlainText(AnswerBody, ['answer', 'disclaimer'])
const Promote = withPlainText(PromoteBody, ['question', 'alternatives', 'tags'])

/** The middle office's 问中台 inbox and its results. */
export function consoleEscalationsRoutes(ctx: AppContext): Router {
  const router = Router()

  router.get(
    '/console/escalations',
    MIDDLE_OFFICE(),
    doc({
      summary: '问中台收件箱：待答复按紧急程度与时限排序',
      query: InboxQuery,
      responses: { 200: z.object({ escalations: z.array(InboxEscalationSchema) }) },
    }),
    async (req, res) => {
      const { status } = InboxQuery.parse(req.query)
      res.json({ escalations: await listInbox(ctx, status) })
    },
  )

  router.get(
    '/console/escalations/metrics',
    MIDDLE_OFFICE(),
    doc({
      summary: '问中台结果：各主题提问、答复时长中位数、超时、入库与后续使用',
      query: MetricsQuery,
      responses: { 200: EscalationMetricsSchema },
    }),
    async (req, res) => {
      res.json(await escalationMetrics(ctx, MetricsQuery.parse(req.query).days))
    },
  )

  router.post(
    '/console/escalations/:id/claim',
    MIDDLE_OFFICE(),
    doc({ summary: '认领问题', params: IdParams, responses: { 200: InboxEscalationSchema } }),
    async (req, res) => {
      res.json(await claimEscalation(ctx, currentStaff(req), IdParams.parse(req.params).id))
    },
  )

  router.post(
    '/console/escalations/:id/answer',
    MIDDLE_OFFICE(),
    doc({
      summary: '答复问题（做合规检查）',
      params: IdParams,
      body: Answer,
      responses: { 200: InboxEscalationSchema },
    }),
    async (req, res) => {
      res.json(await answerEscalation(ctx, currentStaff(req), IdParams.parse(req.params).id, Answer.parse(req.body)))
    },
  )

  router.post(
    '/console/escalations/:id/promote',
    MIDDLE_OFFICE(),
    doc({
      summary: '把答复加入话术库（草稿，需审核）',
      params: IdParams,
      body: Promote,
      responses: { 201: QaItemSchema },
    }),
    async (req, res) => {
      res
        .status(201)
        .json(
          await promoteEscalation(ctx, currentStaff(req), IdParams.parse(req.params).id, Promote.parse(req.body ?? {})),
        )
    },
  )
  return router
}
