import { Router } from 'express'
import {
  ChartPreviewQuery,
  ContentDetailSchema,
  ContentItemBody,
  ContentListQuery,
  ContentListSchema,
  ContentResultsSchema,
  CreatedIdSchema,
  CsvImportBody,
  CsvImportResultSchema,
  ResultsQuery,
  SavedVersionSchema,
  SeriesListSchema,
} from '../../contracts/content.js'
import {
  ApprovalSchema,
  ApproveBody,
  FindingsSchema,
  IdParams,
  RejectBody,
  RetireBody,
} from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import { withPlainText } from '../../lib/plain-text.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import {
  approveContent,
  contentDetail,
  createContent,
  editContent,
  rejectContent,
  retireContent,
  submitContent,
} from './content-authoring.service.js'
import { renderChart } from './content-images.js'
import { listContent } from './content.repository.js'
import { importMarketCsv } from './market-import.service.js'
import { withImportSlot } from '../../lib/import-slots.js'
import { seriesSummaries } from './market-series.repository.js'
import { contentResults } from './results.service.js'

const MIDDLE_OFFICE = allow({ roles: ['middle'], scope: 'middle-office' })
const RESULTS_READERS = allow({ roles: ['middle', 'supervisor'], scope: ['middle-office', 'branch-subtree'] })
// What the middle office writes is stored as plain text (server/lib/plain-text.ts).
const ItemBody = withPlainText(ContentItemBody, ['title', 'body', 'disclaimer', 'tags'])
const RejectReason = withPlainText(RejectBody, ['reason'])
const RetireReason = withPlainText(RetireBody, ['reason'])

/** Console: authoring and review (middle office), results (middle office and supervisors). */
export function contentConsoleRoutes(ctx: AppContext): Router {
  // Strict: `/content/items/` (an empty id) must not fall through to the list.
  const router = Router({ strict: true })
  const db = ctx.db.kysely

  router.get(
    '/content/items',
    MIDDLE_OFFICE,
    doc({
      summary: '内容库列表（每条内容的最新版本）',
      query: ContentListQuery,
      responses: { 200: ContentListSchema },
    }),
    async (req, res) => {
      res.json({ items: await listContent(db, ContentListQuery.parse(req.query), ctx.now()) })
    },
  )
  router.post(
    '/content/items',
    MIDDLE_OFFICE,
    doc({ summary: '新建内容草稿', body: ItemBody, responses: { 201: CreatedIdSchema } }),
    async (req, res) => {
      res.status(201).json(await createContent(ctx, currentStaff(req), ItemBody.parse(req.body)))
    },
  )
  router.get(
    '/content/items/:id',
    MIDDLE_OFFICE,
    doc({ summary: '内容详情、版本与当前合规检查结果', params: IdParams, responses: { 200: ContentDetailSchema } }),
    async (req, res) => {
      res.json(await contentDetail(ctx, IdParams.parse(req.params).id))
    },
  )
  router.put(
    '/content/items/:id',
    MIDDLE_OFFICE,
    doc({
      summary: '修改草稿；修改已通过的内容会生成待审核的新版本',
      params: IdParams,
      body: ItemBody,
      responses: { 200: SavedVersionSchema },
    }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      res.json(await editContent(ctx, currentStaff(req), id, ItemBody.parse(req.body)))
    },
  )
  router.post(
    '/content/items/:id/submit',
    MIDDLE_OFFICE,
    doc({
      summary: '提交审核（阻断项返回 422 COMPLIANCE_BLOCKED）',
      params: IdParams,
      responses: { 200: FindingsSchema },
    }),
    async (req, res) => {
      res.json(await submitContent(ctx, currentStaff(req), IdParams.parse(req.params).id))
    },
  )
  router.post(
    '/content/items/:id/approve',
    MIDDLE_OFFICE,
    doc({
      summary: '审核通过（审核岗，且不能是作者）',
      params: IdParams,
      body: ApproveBody,
      responses: { 200: ApprovalSchema },
    }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      res.json(await approveContent(ctx, currentStaff(req), id, ApproveBody.parse(req.body)))
    },
  )
  router.post(
    '/content/items/:id/reject',
    MIDDLE_OFFICE,
    doc({ summary: '驳回（须填原因）', params: IdParams, body: RejectReason, responses: { 204: null } }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      await rejectContent(ctx, currentStaff(req), id, RejectReason.parse(req.body).reason)
      res.status(204).end()
    },
  )
  router.post(
    '/content/items/:id/retire',
    MIDDLE_OFFICE,
    doc({
      summary: '下架（已发送过的客户经理会收到提醒）',
      params: IdParams,
      body: RetireReason,
      responses: { 204: null },
    }),
    async (req, res) => {
      const { id } = IdParams.parse(req.params)
      await retireContent(ctx, currentStaff(req), id, RetireReason.parse(req.body).reason)
      res.status(204).end()
    },
  )

  router.get(
    '/content/market-series',
    MIDDLE_OFFICE,
    doc({ summary: '行情序列概况', responses: { 200: SeriesListSchema } }),
    async (_req, res) => {
      res.json({ series: await seriesSummaries(db) })
    },
  )
  router.post(
    '/content/market-series/import',
    MIDDLE_OFFICE,
    doc({
      summary: '导入行情 CSV（symbol,date,close；有错误则整批不导入）',
      body: CsvImportBody,
      responses: { 200: CsvImportResultSchema },
    }),
    async (req, res) => {
      const { csv } = CsvImportBody.parse(req.body)
      res.json(await withImportSlot(() => importMarketCsv(ctx, csv)))
    },
  )
  router.get(
    '/content/charts/preview.png',
    MIDDLE_OFFICE,
    doc({ summary: '行情图表预览（PNG）', query: ChartPreviewQuery, responses: { 200: null } }),
    async (req, res) => {
      const { symbol, windowDays } = ChartPreviewQuery.parse(req.query)
      const image = await renderChart(db, symbol, windowDays)
      res.type(image.contentType).setHeader('Cache-Control', 'no-store').send(image.data)
    },
  )

  router.get(
    '/content/results',
    RESULTS_READERS,
    doc({
      summary:
        '内容效果：按内容、按作者、按机构（督导：本机构及下级机构员工的发送；中台：全行；可指定期间与范围内机构）',
      query: ResultsQuery,
      responses: { 200: ContentResultsSchema },
    }),
    async (req, res) => {
      res.json(await contentResults(ctx, currentStaff(req), ResultsQuery.parse(req.query)))
    },
  )
  return router
}
