import { Router } from 'express'
import { z } from 'zod'
import {
  ConfirmBody,
  ConfirmedSchema,
  CreatedVerificationSchema,
  CreateVerificationBody,
  PublicVerificationSchema,
  RequestSmsBody,
  TokenParams,
} from '../../contracts/verification.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { rateLimit } from '../../lib/rate-limit.js'
import { allow, publicRoute } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { confirmCode, openVerification, requestSmsCode } from './public-verification.service.js'
import type { SmsSender } from './sms-sender.js'
import { createVerification, markVerificationSent } from './verification.service.js'

const IdParams = z.object({ id: z.uuid() })
const byIp = (req: { ip?: string }) => req.ip ?? 'unknown'

/** Staff side (sidebar) and the customer's public page, mounted under /api. */
export function verificationRoutes(ctx: AppContext, sms: SmsSender): Router {
  const router = Router()

  router.post(
    '/verifications',
    allow({ roles: ['front'], scope: 'own-book' }),
    doc({
      summary: '生成一次性实名认证链接（旧链接作废）',
      body: CreateVerificationBody,
      responses: { 201: CreatedVerificationSchema },
    }),
    async (req, res) => {
      const { externalUserId } = CreateVerificationBody.parse(req.body)
      res.status(201).json(await createVerification(ctx, currentStaff(req), externalUserId))
    },
  )

  router.post(
    '/verifications/:id/sent',
    allow({ roles: ['front'], scope: 'own-book' }),
    doc({ summary: '侧边栏确认认证卡片已发送到会话', params: IdParams, responses: { 204: null } }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      await markVerificationSent(ctx, currentStaff(req), id)
      res.status(204).end()
    },
  )

  // Public: the customer has only the link. Every endpoint is limited per IP; codes and phones also per link/phone.
  const publicLimit = rateLimit(ctx, { name: 'verify-public', limit: 60, windowMs: 60_000, key: byIp })
  router.get(
    '/public/verifications/:token',
    publicRoute(),
    doc({
      summary: '客户打开认证链接：状态与客户经理称呼（不含客户信息）',
      params: TokenParams,
      responses: { 200: PublicVerificationSchema },
    }),
    publicLimit,
    async (req, res) => {
      const { token } = TokenParams.parse(req.params)
      res.json(await openVerification(ctx, token, req.ip))
    },
  )

  router.post(
    '/public/verifications/:token/sms',
    publicRoute(),
    doc({
      summary: '提交姓名与手机号并获取短信验证码',
      params: TokenParams,
      body: RequestSmsBody,
      responses: { 202: z.object({ resendInSec: z.number().int() }) },
    }),
    rateLimit(ctx, { name: 'verify-sms-ip', limit: 10, windowMs: 3600_000, key: byIp }),
    async (req, res) => {
      const { token } = TokenParams.parse(req.params)
      const body = RequestSmsBody.parse(req.body)
      res.status(202).json(await requestSmsCode(ctx, sms, token, body, req.ip))
    },
  )

  router.post(
    '/public/verifications/:token/confirm',
    publicRoute(),
    doc({
      summary: '提交短信验证码完成认证与绑定',
      params: TokenParams,
      body: ConfirmBody,
      responses: { 200: ConfirmedSchema },
    }),
    rateLimit(ctx, { name: 'verify-confirm-ip', limit: 30, windowMs: 600_000, key: byIp }),
    async (req, res) => {
      const { token } = TokenParams.parse(req.params)
      const { code } = ConfirmBody.parse(req.body)
      res.json(await confirmCode(ctx, token, code))
    },
  )
  return router
}
