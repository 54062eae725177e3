import { withImportSlot } from '../../lib/import-slots.js'
import fs from 'node:fs'
import { Router } from 'express'
import { z } from 'zod'
import {
  CrmEntitySchema,
  CrmOverviewSchema,
  CrmRunDetailSchema,
  CrmRunSchema,
  ImportQuerySchema,
  WecomMappingSchema,
  type CrmOverview,
} from '../../contracts/crm.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { AppError, notFound } from '../../lib/errors.js'
import { allow } from '../../lib/policy.js'
import { importFiles } from './import.service.js'
import { receiveUpload } from '../../lib/upload.js'
import { csvLine, sampleCsv } from './samples.js'
import type { CrmSource } from './crm-source.js'
import { currentStaff } from '../auth/index.js'
import { crmSourceOf } from './sync-schedule.js'
import { findRun, listRunErrors, listRuns } from './runs.repository.js'
import { runSync, syncRunning } from './sync.service.js'
import { listSyncCursors } from './sync-state.repository.js'
import { wecomMappingReport } from './wecom-mapping.js'

const ADMIN = () => allow({ roles: ['admin'], scope: 'integration' })
const RunParams = z.object({ id: z.uuid() })
const SampleParams = z.object({ entity: CrmEntitySchema })

/** CRM and staff directory integration for the bank's IT (`admin`); mounted under /api. */
/** `sampleSource`: where the console's sample files come from (the demo bank's generator, chosen in app.ts). */
export function crmRoutes(ctx: AppContext, sampleSource: (now: Date) => CrmSource): Router {
  const router = Router()
  const db = ctx.db.kysely

  router.post(
    '/crm/imports',
    ADMIN(),
    doc({
      summary: '上传 CSV/XLSX 导入（请求体即文件本身；可试运行）',
      query: ImportQuerySchema,
      body: z.string(),
      bodyType: 'application/octet-stream',
      responses: { 201: CrmRunDetailSchema },
    }),
    async (req, res) => {
      const query = ImportQuerySchema.parse(req.query)
      const run = await withImportSlot(async () => {
        const upload = await receiveUpload(req)
        try {
          return await importFiles(ctx, [{ path: upload.file, name: query.filename }], {
            dryRun: query.dryRun,
            trigger: 'upload',
            actorStaffId: currentStaff(req).id,
          })
        } finally {
          fs.rmSync(upload.dir, { recursive: true, force: true })
        }
      })
      res.status(201).json(run)
    },
  )

  router.get(
    '/crm/runs',
    ADMIN(),
    doc({ summary: '导入与同步记录（最近 30 次）', responses: { 200: z.object({ runs: z.array(CrmRunSchema) }) } }),
    async (_req, res) => {
      res.json({ runs: await listRuns(db) })
    },
  )

  router.get(
    '/crm/runs/:id',
    ADMIN(),
    doc({ summary: '一次导入或同步的详情与前 50 条错误', params: RunParams, responses: { 200: CrmRunDetailSchema } }),
    async (req, res) => {
      const run = await findRun(db, RunParams.parse(req.params).id)
      if (!run) throw notFound('导入记录')
      res.json(run)
    },
  )

  router.get(
    '/crm/runs/:id/errors.csv',
    ADMIN(),
    doc({ summary: '下载错误报告（CSV：文件、行号、列、原因）', params: RunParams, responses: { 200: null } }),
    async (req, res) => {
      const { id } = RunParams.parse(req.params)
      if (!(await findRun(db, id, 0))) throw notFound('导入记录')
      const errors = await listRunErrors(db, id)
      const lines = [
        csvLine(['文件', '行号', '列', '原因']),
        ...errors.map((e) => csvLine([e.source, String(e.rowNo), e.column, e.reason])),
      ]
      res.setHeader('Content-Type', 'text/csv; charset=utf-8')
      res.setHeader('Content-Disposition', `attachment; filename="crm-errors-${id.slice(0, 8)}.csv"`)
      // The BOM makes Excel read UTF-8 Chinese correctly.
      res.send(`\uFEFF${lines.join('')}`)
    },
  )

  router.get(
    '/crm/samples/:entity.csv',
    ADMIN(),
    doc({ summary: '下载某类数据的示例文件（中文表头）', params: SampleParams, responses: { 200: null } }),
    async (req, res) => {
      const { entity } = SampleParams.parse(req.params)
      res.setHeader('Content-Type', 'text/csv; charset=utf-8')
      res.setHeader('Content-Disposition', `attachment; filename="${entity}.csv"`)
      res.send(`\uFEFF${await sampleCsv(sampleSource(ctx.now()), entity)}`)
    },
  )

  router.get(
    '/crm/overview',
    ADMIN(),
    doc({ summary: 'CRM 接口配置与各类数据的同步断点', responses: { 200: CrmOverviewSchema } }),
    async (_req, res) => {
      const cursors = await listSyncCursors(db)
      const url = ctx.config.crm.sourceUrl
      const overview: CrmOverview = {
        pull: { configured: !!url, host: url ? new URL(url).host : null, syncAt: ctx.config.crm.syncAt },
        cursors: cursors.map((c) => ({
          entity: CrmEntitySchema.parse(c.entity),
          cursor: c.cursor,
          updatedAt: c.updated_at,
        })),
      }
      res.json(overview)
    },
  )

  router.post(
    '/crm/sync',
    ADMIN(),
    doc({
      summary: '立即从 CRM 接口增量同步（后台进行，结果见记录）',
      responses: { 202: z.object({ runId: z.string() }) },
    }),
    async (req, res) => {
      const source = crmSourceOf(ctx.config)
      if (!source)
        throw new AppError('CRM_SOURCE_NOT_CONFIGURED', 409, '未配置 CRM 接口（CRM_SOURCE_URL），只能使用文件导入')
      if (await syncRunning(db, ctx.now())) throw new AppError('SYNC_RUNNING', 409, '已有同步正在进行，请稍后再试')
      const started = new Promise<string>((resolve, reject) => {
        runSync(ctx, source, { trigger: 'manual', actorStaffId: currentStaff(req).id, onStarted: resolve }).catch(
          reject,
        )
      })
      res.status(202).json({ runId: await started })
    },
  )

  router.get(
    '/crm/wecom-mapping',
    ADMIN(),
    doc({ summary: '员工与企业微信账号对应情况', responses: { 200: WecomMappingSchema } }),
    async (_req, res) => {
      res.json(await wecomMappingReport(db))
    },
  )
  return router
}
