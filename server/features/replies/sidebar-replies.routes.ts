import { Router } from 'express'
import { z } from 'zod'
import {
  ChatTarget,
  ContactReplyContextSchema,
  ContextQuery,
  CreateEscalationBody,
  MyEscalationSchema,
  PrepareReplyBody,
  ReplyFeedbackBody,
  PreparedReplySchema,
  ReplySuggestionSchema,
  SuggestionsQuery,
  TopicGuessQuery,
  TopicGuessSchema,
  UseParams,
} from '../../contracts/replies.js'
import { doc } from '../../lib/api-docs.js'
import { withPlainText } from '../../lib/plain-text.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { localRateLimit } from '../../lib/rate-limit.js'
import { currentStaff } from '../auth/index.js'
import { contactReplyContext } from './contact-context.js'
import { createEscalation, listMyEscalations } from './escalations.service.js'
import { recordFeedback } from './learning.service.js'
import { markReplySent, prepareReply } from './reply-use.service.js'
import { guessQuestionTopic, suggestForChat } from './suggestions.service.js'

const FRONT_OWN_BOOK = () => allow({ roles: ['front'], scope: 'own-book' })
// No contact involved: a vote on the shared library, a topic guess from the question alone.
const FRONT_OWN = () => allow({ roles: ['front'], scope: 'signed-in' })
// The manager's text (an edited answer, a 问中台 question) is stored as plain text (server/lib/plain-text.ts).
const PrepareBody = withPlainText(PrepareReplyBody, ['text'])
const EscalationBody = withPlainText(CreateEscalationBody, ['question', 'note'])
const FeedbackBody = withPlainText(ReplyFeedbackBody, ['question'])

/** The sidebar's 话术 tab: suggestions as the manager types, sending, and 问中台. */
export function sidebarRepliesRoutes(ctx: AppContext): Router {
  const router = Router()
  // Suggestions follow the manager's typing (debounced); the limit only stops runaway clients.
  const typingLimit = localRateLimit(ctx, {
    name: 'reply-suggestions',
    limit: 240,
    windowMs: 60_000,
    key: (req) => req.staff?.id ?? req.ip ?? 'unknown',
  })

  router.get(
    '/replies/suggestions',
    FRONT_OWN_BOOK(),
    doc({
      summary: '按客户问题推荐已审核、在有效期内的答案（按相关度、客户情况与使用效果排序）',
      query: SuggestionsQuery,
      responses: { 200: z.object({ suggestions: z.array(ReplySuggestionSchema) }) },
    }),
    typingLimit,
    async (req, res) => {
      const { q, externalUserId } = SuggestionsQuery.parse(req.query)
      res.setHeader('Cache-Control', 'no-store')
      res.json({ suggestions: await suggestForChat(ctx, currentStaff(req), q, externalUserId) })
    },
  )

  router.post(
    '/replies/feedback',
    FRONT_OWN(),
    doc({ summary: '客户经理标记推荐答案有用/没用', body: ReplyFeedbackBody, responses: { 204: null } }),
    async (req, res) => {
      await recordFeedback(ctx, currentStaff(req), FeedbackBody.parse(req.body))
      res.status(204).end()
    },
  )

  router.get(
    '/replies/topic-guess',
    FRONT_OWN(),
    doc({
      summary: '猜测问题所属主题，供问中台预选',
      query: TopicGuessQuery,
      responses: { 200: TopicGuessSchema },
    }),
    typingLimit,
    async (req, res) => {
      const { q } = TopicGuessQuery.parse(req.query)
      res.json({ topic: await guessQuestionTopic(ctx, q) })
    },
  )

  router.get(
    '/replies/context',
    FRONT_OWN_BOOK(),
    doc({
      summary: '问中台表单预填的客户情况（客群、持仓类型、风险等级；不含姓名电话）',
      query: ContextQuery,
      responses: { 200: ContactReplyContextSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContextQuery.parse(req.query)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await contactReplyContext(ctx, currentStaff(req), externalUserId))
    },
  )

  router.post(
    '/replies/uses',
    FRONT_OWN_BOOK(),
    doc({
      summary: '准备发送一条答案：修改过的内容重新做合规检查并留存差异',
      body: PrepareBody,
      responses: { 201: PreparedReplySchema },
    }),
    async (req, res) => {
      res.status(201).json(await prepareReply(ctx, currentStaff(req), PrepareBody.parse(req.body)))
    },
  )

  router.post(
    '/replies/uses/:id/sent',
    FRONT_OWN_BOOK(),
    doc({ summary: '侧边栏确认答案已发送到会话（记录 reply_used）', params: UseParams, responses: { 204: null } }),
    async (req, res) => {
      await markReplySent(ctx, currentStaff(req), UseParams.parse(req.params).id)
      res.status(204).end()
    },
  )

  router.post(
    '/replies/escalations',
    FRONT_OWN_BOOK(),
    doc({
      summary: '问中台：提交客户问题与客户情况，开始计算答复时限',
      body: EscalationBody,
      responses: { 201: MyEscalationSchema },
    }),
    async (req, res) => {
      res.status(201).json(await createEscalation(ctx, currentStaff(req), EscalationBody.parse(req.body)))
    },
  )

  // Polled by the tab (with backoff) until open questions are answered.
  router.get(
    '/replies/escalations',
    FRONT_OWN_BOOK(),
    doc({
      summary: '我的问中台（未答复的全部、近 7 天的答复），侧边栏轮询',
      query: ChatTarget,
      responses: { 200: z.object({ escalations: z.array(MyEscalationSchema) }) },
    }),
    async (req, res) => {
      const { externalUserId } = ChatTarget.parse(req.query)
      res.setHeader('Cache-Control', 'no-store')
      res.json({ escalations: await listMyEscalations(ctx, currentStaff(req), externalUserId) })
    },
  )
  return router
}
