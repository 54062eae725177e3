import express, { Router } from 'express'
import { z } from 'zod'
import { QaImportResultSchema, QaItemBody, QaItemSchema, QaListQuery } from '../../contracts/replies.js'
import { ApproveBody, ComplianceFindingSchema, IdParams, RejectBody, RetireBody } from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import { withPlainText } from '../../lib/plain-text.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { importQaFile } from './qa-import.service.js'
import { listUnretiredQa } from './qa-library.repository.js'
import { withImportSlot } from '../../lib/import-slots.js'
import { exportQaCsv, exportQaXlsx } from './qa-spreadsheet.js'
import {
  approveQaItem,
  createQaItem,
  editQaItem,
  getQaItem,
  listQaItems,
  rejectQaItem,
  retireQaItem,
  submitQaItem,
} from './qa-console.service.js'

const MIDDLE_OFFICE = () => allow({ roles: ['middle'], scope: 'middle-office' })
// The file comes as the raw request body; its name (and so .csv or .xlsx) in the query.
const fileBody = express.raw({ type: () => true, limit: '5mb' })
const ImportQuery = z.object({
  filename: z
    .string()
    .trim()
    .regex(/\.(csv|xlsx)$/i, '只支持 .csv 和 .xlsx 文件')
    .max(200),
})
const ExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') })
// What the middle office writes is stored as plain text (server/lib/plain-text.ts).
const ItemBody = withPlainText(QaItemBody, ['question', 'alternatives', 'answer', 'disclaimer', 'tags'])
const RejectReason = withPlainText(RejectBody, ['reason'])
const RetireReason = withPlainText(RetireBody, ['reason'])

/** The Q&A library in the console: list, edit, the shared review workflow, CSV/XLSX import and export. */
export function consoleQaRoutes(ctx: AppContext): Router {
  const router = Router()

  router.get(
    '/console/qa',
    MIDDLE_OFFICE(),
    doc({
      summary: '话术库列表（搜索、状态、主题）',
      query: QaListQuery,
      responses: { 200: z.object({ items: z.array(QaItemSchema), total: z.number().int() }) },
    }),
    async (req, res) => {
      res.json(await listQaItems(ctx, QaListQuery.parse(req.query)))
    },
  )

  router.get(
    '/console/qa/export',
    MIDDLE_OFFICE(),
    doc({ summary: '导出话术库（CSV 或 Excel）', query: ExportQuery, responses: { 200: z.string() } }),
    async (req, res) => {
      const { format } = ExportQuery.parse(req.query)
      const rows = await listUnretiredQa(ctx.db.kysely)
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="qa-library.${format}"; filename*=UTF-8''${encodeURIComponent(`话术库.${format}`)}`,
      )
      if (format === 'csv') res.type('text/csv; charset=utf-8').send(exportQaCsv(rows))
      else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await exportQaXlsx(rows))
    },
  )

  router.post(
    '/console/qa/import',
    MIDDLE_OFFICE(),
    doc({
      summary: '导入 CSV/Excel 为草稿（有错误则整批不导入，逐行列出）',
      query: ImportQuery,
      body: z.string(),
      bodyType: 'application/octet-stream',
      responses: { 201: QaImportResultSchema },
    }),
    fileBody,
    async (req, res) => {
      const { filename } = ImportQuery.parse(req.query)
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw new AppError('EMPTY_FILE', 400, '请上传 .csv 或 .xlsx 文件')
      const body = req.body as Buffer
      res.status(201).json(await withImportSlot(() => importQaFile(ctx, currentStaff(req), body, filename)))
    },
  )

  router.get(
    '/console/qa/:id',
    MIDDLE_OFFICE(),
    doc({ summary: '话术条目详情', params: IdParams, responses: { 200: QaItemSchema } }),
    async (req, res) => {
      res.json(await getQaItem(ctx, IdParams.parse(req.params).id))
    },
  )

  router.post(
    '/console/qa',
    MIDDLE_OFFICE(),
    doc({ summary: '新建话术（草稿）', body: ItemBody, responses: { 201: QaItemSchema } }),
    async (req, res) => {
      res.status(201).json(await createQaItem(ctx, currentStaff(req), ItemBody.parse(req.body)))
    },
  )

  router.put(
    '/console/qa/:id',
    MIDDLE_OFFICE(),
    doc({
      summary: '修改话术：草稿原地修改，已通过的生成新版本',
      params: IdParams,
      body: ItemBody,
      responses: { 200: QaItemSchema },
    }),
    async (req, res) => {
      res.json(await editQaItem(ctx, currentStaff(req), IdParams.parse(req.params).id, ItemBody.parse(req.body)))
    },
  )

  router.post(
    '/console/qa/:id/submit',
    MIDDLE_OFFICE(),
    doc({
      summary: '提交审核（做合规检查）',
      params: IdParams,
      responses: { 200: z.object({ item: QaItemSchema, warnings: z.array(ComplianceFindingSchema) }) },
    }),
    async (req, res) => {
      res.json(await submitQaItem(ctx, currentStaff(req), IdParams.parse(req.params).id))
    },
  )

  router.post(
    '/console/qa/:id/approve',
    MIDDLE_OFFICE(),
    doc({
      summary: '审核通过并设定有效期（审核人须为他人）',
      params: IdParams,
      body: ApproveBody,
      responses: { 200: QaItemSchema },
    }),
    async (req, res) => {
      res.json(await approveQaItem(ctx, currentStaff(req), IdParams.parse(req.params).id, ApproveBody.parse(req.body)))
    },
  )

  router.post(
    '/console/qa/:id/reject',
    MIDDLE_OFFICE(),
    doc({ summary: '驳回', params: IdParams, body: RejectReason, responses: { 200: QaItemSchema } }),
    async (req, res) => {
      res.json(
        await rejectQaItem(ctx, currentStaff(req), IdParams.parse(req.params).id, RejectReason.parse(req.body).reason),
      )
    },
  )

  router.post(
    '/console/qa/:id/retire',
    MIDDLE_OFFICE(),
    doc({ summary: '下架', params: IdParams, body: RetireReason, responses: { 200: QaItemSchema } }),
    async (req, res) => {
      res.json(
        await retireQaItem(ctx, currentStaff(req), IdParams.parse(req.params).id, RetireReason.parse(req.body).reason),
      )
    },
  )
  return router
}
