import { Router } from 'express'
import { InquiryAckSchema, PublicContentSchema, SendParams } from '../../contracts/content.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { publicRoute } from '../../lib/policy.js'
import { rateLimit } from '../../lib/rate-limit.js'
import { ensureReaderCookie, requireReaderKey } from '../../lib/reader-cookie.js'
import { optOutFromSend } from './opt-out.service.js'
import { publicContent, publicImage, recordInquiry, recordOpen } from './tracking.service.js'

const byIp = (req: { ip?: string }) => req.ip ?? 'unknown'

/** The customer's page behind a tracked link `/c/:sendId`: public, limited per IP. */
export function contentPublicRoutes(ctx: AppContext): Router {
  const router = Router()
  const limit = rateLimit(ctx, { name: 'content-public', limit: 120, windowMs: 60_000, key: byIp })
  const inquiryByIp = rateLimit(ctx, { name: 'content-inquiry', limit: 10, windowMs: 600_000, key: byIp })
  // Each inquiry notifies the manager: a link forwarded to a crowd (or a botnet) must not flood their sidebar.
  const inquiryByLink = rateLimit(ctx, {
    name: 'content-inquiry-link',
    limit: 20,
    windowMs: 600_000,
    key: (req) => String(req.params.sendId).slice(0, 64),
  })

  router.get(
    '/public/content/:sendId',
    publicRoute(),
    doc({ summary: '客户打开内容链接（不含客户信息）', params: SendParams, responses: { 200: PublicContentSchema } }),
    limit,
    async (req, res) => {
      const content = await publicContent(ctx, SendParams.parse(req.params).sendId)
      // Opens and inquiries count per this cookie, never per an id the page chooses.
      ensureReaderCookie(req, res, ctx.config)
      res.setHeader('Cache-Control', 'no-store')
      res.json(content)
    },
  )
  router.get(
    '/public/content/:sendId/image.png',
    publicRoute(),
    doc({ summary: '内容配图或卡片缩略图（PNG）', params: SendParams, responses: { 200: null } }),
    limit,
    async (req, res) => {
      const image = await publicImage(ctx, SendParams.parse(req.params).sendId)
      res.type(image.contentType).setHeader('Cache-Control', 'public, max-age=600').send(image.data)
    },
  )
  router.post(
    '/public/content/:sendId/open',
    publicRoute(),
    doc({
      summary: '记录打开（按服务端签发的 Cookie，同一浏览器同一发送只计一次）',
      params: SendParams,
      responses: { 204: null },
    }),
    limit,
    async (req, res) => {
      const { sendId } = SendParams.parse(req.params)
      await recordOpen(ctx, sendId, requireReaderKey(req, ctx.config), byIp(req))
      res.status(204).end()
    },
  )
  router.post(
    '/public/content/:sendId/inquiry',
    publicRoute(),
    doc({
      summary: '“我想咨询”：通知发送的客户经理（同一浏览器同一发送只计一次）',
      params: SendParams,
      responses: { 202: InquiryAckSchema },
    }),
    inquiryByIp,
    inquiryByLink,
    async (req, res) => {
      const { sendId } = SendParams.parse(req.params)
      await recordInquiry(ctx, sendId, requireReaderKey(req, ctx.config))
      res.status(202).json({ ok: true })
    },
  )
  router.post(
    '/public/content/:sendId/opt-out',
    publicRoute(),
    doc({
      summary: '客户在内容页选择“不再接收此类推送”（营销类群发与推荐将跳过）',
      params: SendParams,
      responses: { 204: null },
    }),
    limit,
    async (req, res) => {
      await optOutFromSend(ctx, SendParams.parse(req.params).sendId)
      res.status(204).end()
    },
  )
  return router
}
