import { Router } from 'express'
import {
  CreatedTaskSchema,
  DashboardQuery,
  MassPreviewSchema,
  MyTodoSchema,
  ProcessViewSchema,
  ResultsViewSchema,
  StaffParams,
  StaffViewQuery,
  StaffViewSchema,
  SyncBody,
  SyncOutcomesSchema,
  SyncRunsSchema,
  TaskBody,
  TaskDetailSchema,
  TaskListSchema,
  TaskOptionsSchema,
  TaskParams,
  UncoveredCustomerSchema,
  UncoveredQuery,
} from '../../contracts/process.js'
import { z } from 'zod'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { bulletinHtml } from './dashboard/bulletin.js'
import { processView } from './dashboard/dashboard.service.js'
import { exportWorkbook } from './dashboard/export.service.js'
import { resultsView } from './dashboard/results.service.js'
import { resolveStaff } from './dashboard/scope.js'
import { staffView, uncoveredCustomers } from './dashboard/staff-view.service.js'
import { runDailySync, runJob } from './sync/sync.service.js'
import { taskOptions } from './tasks/task-options.js'
import { createTask, previewTask } from './tasks/task-create.service.js'
import { cancelTask, listTasks, syncRuns, taskDetail } from './tasks/task-read.service.js'
import { taskReviewRoutes } from './tasks/task-review.routes.js'
import { myTodo } from './todo/my-todo.service.js'

const DASHBOARD = () => allow({ roles: ['supervisor', 'middle'], scope: ['branch-subtree', 'middle-office'] })
const MIDDLE = () => allow({ roles: ['middle'], scope: 'middle-office' })
const SUPERVISOR = () => allow({ roles: ['supervisor'], scope: 'branch-subtree' })

/** Tasks, WeCom data sync, rollups, dashboard and exports; mounted under /api. */
export function processRoutes(ctx: AppContext): Router {
  // Strict: `/tasks/` (a detail path with an empty or dot-segment id) must not fall through to the list.
  const router = Router({ strict: true })
  const noStore = (res: { setHeader(k: string, v: string): unknown }) => res.setHeader('Cache-Control', 'no-store')
  router.use(taskReviewRoutes(ctx))

  router.get(
    '/dashboard/process',
    DASHBOARD(),
    doc({
      summary: '经营看板·过程：下级机构或员工的过程指标、计入考核各规则计数、分层覆盖、趋势与督导建议',
      query: DashboardQuery,
      responses: { 200: ProcessViewSchema },
    }),
    async (req, res) => {
      noStore(res)
      res.json(await processView(ctx, currentStaff(req), DashboardQuery.parse(req.query)))
    },
  )
  router.get(
    '/dashboard/results',
    DASHBOARD(),
    doc({
      summary: '经营看板·结果：内容、话术、任务、作者的结果与好友请求通过率',
      query: DashboardQuery,
      responses: { 200: ResultsViewSchema },
    }),
    async (req, res) => {
      noStore(res)
      res.json(await resultsView(ctx, currentStaff(req), DashboardQuery.parse(req.query)))
    },
  )
  router.get(
    '/dashboard/staff/:userid',
    DASHBOARD(),
    doc({
      summary: '员工下钻：过程指标、本期新增客户逐条规则判定（可按企业标签筛选）、任务与督导建议',
      params: StaffParams,
      query: StaffViewQuery,
      responses: { 200: StaffViewSchema },
    }),
    async (req, res) => {
      const { userid } = StaffParams.parse(req.params)
      noStore(res)
      res.json(await staffView(ctx, currentStaff(req), userid, StaffViewQuery.parse(req.query)))
    },
  )
  // Names of customers: supervisors only (the middle office sees aggregates).
  router.get(
    '/dashboard/staff/:userid/uncovered',
    SUPERVISOR(),
    doc({
      summary: '员工名下某分层未认证客户名单（按资产排序）',
      params: StaffParams,
      query: UncoveredQuery,
      responses: { 200: z.array(UncoveredCustomerSchema) },
    }),
    async (req, res) => {
      const { userid } = StaffParams.parse(req.params)
      const { segment } = UncoveredQuery.parse(req.query)
      noStore(res)
      res.json(
        await uncoveredCustomers(ctx.db.kysely, await resolveStaff(ctx.db.kysely, currentStaff(req), userid), segment),
      )
    },
  )
  router.get(
    '/dashboard/export.xlsx',
    DASHBOARD(),
    doc({ summary: '导出当前看板为 Excel（与接口数字一致）', query: DashboardQuery, responses: { 200: null } }),
    async (req, res) => {
      const q = DashboardQuery.parse(req.query)
      const { buffer, filename } = await exportWorkbook(ctx, currentStaff(req), q)
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
      res.send(buffer)
    },
  )
  router.get(
    '/dashboard/bulletin',
    DASHBOARD(),
    doc({ summary: '可打印的周通报（HTML）', query: DashboardQuery, responses: { 200: null } }),
    async (req, res) => {
      const q = DashboardQuery.parse({ ...req.query, period: 'week' })
      res.type('html').send(bulletinHtml(await processView(ctx, currentStaff(req), q)))
    },
  )

  router.get(
    '/tasks',
    MIDDLE(),
    doc({ summary: '中台任务列表', responses: { 200: TaskListSchema } }),
    async (_req, res) => {
      res.json({ tasks: await listTasks(ctx) })
    },
  )
  router.get(
    '/tasks/options',
    MIDDLE(),
    doc({ summary: '下达任务可选的机构、员工与已审核内容', responses: { 200: TaskOptionsSchema } }),
    async (_req, res) => {
      res.json(await taskOptions(ctx))
    },
  )
  router.post(
    '/tasks/preview',
    MIDDLE(),
    doc({ summary: '群发任务预估：覆盖客户数与每月群发上限', body: TaskBody, responses: { 200: MassPreviewSchema } }),
    async (req, res) => {
      res.json(await previewTask(ctx, TaskBody.parse(req.body)))
    },
  )
  router.post(
    '/tasks',
    MIDDLE(),
    doc({
      summary: '下达任务（朋友圈、群发、加好友、认证、回复要求）',
      body: TaskBody,
      responses: { 201: CreatedTaskSchema },
    }),
    async (req, res) => {
      res.status(201).json(await createTask(ctx, currentStaff(req), TaskBody.parse(req.body)))
    },
  )
  router.get(
    '/tasks/:id',
    MIDDLE(),
    doc({
      summary: '任务详情：每位员工的完成情况（来自企业微信与事件）',
      params: TaskParams,
      responses: { 200: TaskDetailSchema },
    }),
    async (req, res) => {
      res.json(await taskDetail(ctx, TaskParams.parse(req.params).id))
    },
  )
  router.post(
    '/tasks/:id/cancel',
    MIDDLE(),
    doc({ summary: '撤销任务', params: TaskParams, responses: { 204: null } }),
    async (req, res) => {
      await cancelTask(ctx, TaskParams.parse(req.params).id)
      res.status(204).end()
    },
  )
  router.get(
    '/sync/runs',
    MIDDLE(),
    doc({ summary: '企业微信数据同步记录', responses: { 200: SyncRunsSchema } }),
    async (_req, res) => {
      res.json({ runs: await syncRuns(ctx) })
    },
  )
  router.post(
    '/sync',
    MIDDLE(),
    doc({
      summary: '立即同步企业微信数据（行为数据、任务结果、日汇总）',
      body: SyncBody,
      responses: { 200: SyncOutcomesSchema },
    }),
    async (req, res) => {
      const { job } = SyncBody.parse(req.body ?? {})
      res.json({ outcomes: job === 'all' ? await runDailySync(ctx, 'manual') : [await runJob(ctx, job, 'manual')] })
    },
  )

  router.get(
    '/me/todo',
    allow({ roles: ['front'], scope: 'own-book' }),
    doc({ summary: '客户经理的个人任务清单（侧边栏「任务」）', responses: { 200: MyTodoSchema } }),
    async (req, res) => {
      noStore(res)
      res.json(await myTodo(ctx, currentStaff(req)))
    },
  )
  return router
}
