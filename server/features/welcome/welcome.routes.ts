import { Router } from 'express'
import {
  ApprovalSchema,
  ApproveBody,
  FindingsSchema,
  IdParams,
  RejectBody,
  RetireBody,
} from '../../contracts/review.js'
import { WelcomeMessageBody, WelcomeOverviewSchema } from '../../contracts/welcome.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import {
  approveWelcome,
  createWelcome,
  editWelcome,
  rejectWelcome,
  retireWelcome,
  submitWelcome,
  welcomeOverview,
} from './welcome-authoring.service.js'

const MIDDLE_OFFICE = allow({ roles: ['middle'], scope: 'middle-office' })

/** 欢迎语: the middle office writes them, a second reviewer approves them, new customers receive the live one. */
export function welcomeRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/welcome',
    MIDDLE_OFFICE,
    doc({ summary: '欢迎语（各版本与审核状态）和最近的发送记录', responses: { 200: WelcomeOverviewSchema } }),
    async (_req, res) => {
      res.json(await welcomeOverview(ctx))
    },
  )
  router.post(
    '/welcome/messages',
    MIDDLE_OFFICE,
    doc({ summary: '新建欢迎语草稿', body: WelcomeMessageBody, responses: { 201: IdParams } }),
    async (req, res) => {
      res.status(201).json(await createWelcome(ctx, currentStaff(req), WelcomeMessageBody.parse(req.body)))
    },
  )
  router.put(
    '/welcome/messages/:id',
    MIDDLE_OFFICE,
    doc({
      summary: '修改欢迎语（已通过的生成新版本，需重新审核）',
      params: IdParams,
      body: WelcomeMessageBody,
      responses: { 200: null },
    }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      res.json(await editWelcome(ctx, currentStaff(req), id, WelcomeMessageBody.parse(req.body)))
    },
  )
  router.post(
    '/welcome/messages/:id/submit',
    MIDDLE_OFFICE,
    doc({
      summary: '提交审核（阻断项返回 422 COMPLIANCE_BLOCKED）',
      params: IdParams,
      responses: { 200: FindingsSchema },
    }),
    async (req, res) => {
      res.json(await submitWelcome(ctx, currentStaff(req), IdParams.parse(req.params).id))
    },
  )
  router.post(
    '/welcome/messages/:id/approve',
    MIDDLE_OFFICE,
    doc({
      summary: '审核通过（审核岗，且不能是作者）',
      params: IdParams,
      body: ApproveBody,
      responses: { 200: ApprovalSchema },
    }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      res.json(await approveWelcome(ctx, currentStaff(req), id, ApproveBody.parse(req.body)))
    },
  )
  router.post(
    '/welcome/messages/:id/reject',
    MIDDLE_OFFICE,
    doc({ summary: '驳回（须填原因）', params: IdParams, body: RejectBody, responses: { 204: null } }),
    async (req, res) => {
      await rejectWelcome(ctx, currentStaff(req), IdParams.parse(req.params).id, RejectBody.parse(req.body).reason)
      res.status(204).end()
    },
  )
  router.post(
    '/welcome/messages/:id/retire',
    MIDDLE_OFFICE,
    doc({ summary: '下架（新客户不再收到）', params: IdParams, body: RetireBody, responses: { 204: null } }),
    async (req, res) => {
      await retireWelcome(ctx, currentStaff(req), IdParams.parse(req.params).id, RetireBody.parse(req.body).reason)
      res.status(204).end()
    },
  )
  return router
}
