import { Router } from 'express'
import {
  ActivityQuery,
  CreatedSendSchema,
  CreateSendBody,
  MomentBody,
  RecommendationQuery,
  RecommendationsSchema,
  SendParams,
  SidebarActivitySchema,
} from '../../contracts/content.js'
import { doc } from '../../lib/api-docs.js'
import { withPlainText } from '../../lib/plain-text.js'
import { IdParams } from '../../contracts/review.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { allow } from '../../lib/policy.js'
import { isLive } from '../review/index.js'
import { currentStaff } from '../auth/index.js'
import { itemImage } from './content-images.js'
import { findContentRow } from './content.repository.js'
import { recommend } from './recommendations.service.js'
import { createSend, logMomentShared, markSent } from './sends.service.js'
import { sidebarActivity } from './sidebar-activity.service.js'

const FRONT_OFFICE = allow({ roles: ['front'], scope: 'own-book' })
// The manager's edit of a text is stored as plain text (server/lib/plain-text.ts).
const SendBody = withPlainText(CreateSendBody, ['text'])

/** Sidebar 内容 tab: front office, on their own contacts. */
export function contentSidebarRoutes(ctx: AppContext): Router {
  const router = Router()

  router.get(
    '/content/recommendations',
    FRONT_OFFICE,
    doc({
      summary: '为当前客户推荐的内容（含推荐理由与提醒）',
      query: RecommendationQuery,
      responses: { 200: RecommendationsSchema },
    }),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store')
      res.json(await recommend(ctx, currentStaff(req), RecommendationQuery.parse(req.query)))
    },
  )
  // The preview picture: live items for the front office, any version for the middle office's editor.
  router.get(
    '/content/items/:id/image.png',
    allow({ roles: ['front', 'middle'], scope: ['own-book', 'middle-office'] }),
    doc({ summary: '内容配图（图表实时绘制，PNG）', params: IdParams, responses: { 200: null } }),
    async (req, res) => {
      const row = await findContentRow(ctx.db.kysely, IdParams.parse(req.params).id)
      if (currentStaff(req).role === 'front' && !isLive(row, ctx.now()))
        throw new AppError('CONTENT_NOT_LIVE', 409, '该内容已过期或已下架')
      const image = await itemImage(ctx.db.kysely, row)
      res.type(image.contentType).setHeader('Cache-Control', 'private, max-age=300').send(image.data)
    },
  )
  router.post(
    '/content/sends',
    FRONT_OFFICE,
    doc({
      summary: '准备发送：校验、生成带追踪链接的消息（图片此时上传为临时素材）',
      body: SendBody,
      responses: { 201: CreatedSendSchema },
    }),
    async (req, res) => {
      res.status(201).json(await createSend(ctx, currentStaff(req), SendBody.parse(req.body)))
    },
  )
  router.post(
    '/content/sends/:sendId/sent',
    FRONT_OFFICE,
    doc({ summary: '侧边栏确认已发送到会话', params: SendParams, responses: { 204: null } }),
    async (req, res) => {
      await markSent(ctx, currentStaff(req), SendParams.parse(req.params).sendId)
      res.status(204).end()
    },
  )
  router.post(
    '/content/moments',
    FRONT_OFFICE,
    doc({ summary: '记录朋友圈文案的复制或发表', body: MomentBody, responses: { 204: null } }),
    async (req, res) => {
      const { itemId, method } = MomentBody.parse(req.body)
      await logMomentShared(ctx, currentStaff(req), itemId, method)
      res.status(204).end()
    },
  )
  router.get(
    '/content/activity',
    FRONT_OFFICE,
    doc({ summary: '客户“我想咨询”与已下架内容提醒', query: ActivityQuery, responses: { 200: SidebarActivitySchema } }),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store')
      res.json(await sidebarActivity(ctx, currentStaff(req), ActivityQuery.parse(req.query).externalUserId))
    },
  )
  return router
}
