import { Router } from 'express'
import {
  BannedPhraseSchema,
  IdParams,
  OutboundChecksQuery,
  OutboundChecksSchema,
  RejectBody,
} from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { decideProposal } from './lexicon.service.js'
import { listOutboundChecks } from './outbound-checks.service.js'

const MIDDLE_OFFICE = allow({ roles: ['middle'], scope: 'middle-office' })

/** Lexicon approvals (proposer ≠ approver) and the outbound audit trail, for compliance reviewers. */
export function complianceRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = ctx.db.kysely
  router.post(
    '/review/banned-phrases/:id/approve',
    MIDDLE_OFFICE,
    doc({
      summary: '批准词库提议（审批人须为他人），词库版本随之更新',
      params: IdParams,
      responses: { 200: BannedPhraseSchema },
    }),
    async (req, res) => {
      res.json(await decideProposal(db, IdParams.parse(req.params).id, currentStaff(req), 'approve', ctx.now()))
    },
  )
  router.post(
    '/review/banned-phrases/:id/reject',
    MIDDLE_OFFICE,
    doc({ summary: '驳回词库提议', params: IdParams, body: RejectBody, responses: { 200: BannedPhraseSchema } }),
    async (req, res) => {
      RejectBody.parse(req.body)
      res.json(await decideProposal(db, IdParams.parse(req.params).id, currentStaff(req), 'reject', ctx.now()))
    },
  )
  router.get(
    '/review/outbound-checks',
    MIDDLE_OFFICE,
    doc({
      summary: '对外文本合规留痕：发送人、渠道、检查结果与词库版本',
      query: OutboundChecksQuery,
      responses: { 200: OutboundChecksSchema },
    }),
    async (req, res) => {
      res.json({ checks: await listOutboundChecks(db, OutboundChecksQuery.parse(req.query)) })
    },
  )
  return router
}
