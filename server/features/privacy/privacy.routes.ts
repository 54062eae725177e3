import { Router } from 'express'
import {
  AuditPageSchema,
  AuditQuery,
  ErasureBody,
  ErasureResultSchema,
  RetentionBody,
  RetentionSchema,
} from '../../contracts/privacy.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { auditCsv, auditPage } from './audit-view.service.js'
import { erasePerson } from './erasure.service.js'
import { getRetention, setRetention } from './retention.service.js'

const SUPERVISOR = () => allow({ roles: ['supervisor'], scope: 'branch-subtree' })
// The bank's IT: sets retention and carries out erasure requests, without seeing the audit trail of views.
const ADMIN = () => allow({ roles: ['admin'], scope: 'integration' })

/** Audit view, retention settings and erasure on request; mounted under /api. */
export function privacyRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = ctx.db.kysely

  router.get(
    '/privacy/audit',
    SUPERVISOR(),
    doc({
      summary: '访问审计：本机构及下级员工查看了哪些客户/联系人（可筛选、分页）',
      query: AuditQuery,
      responses: { 200: AuditPageSchema },
    }),
    async (req, res) => {
      const query = AuditQuery.parse(req.query)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await auditPage(db, currentStaff(req), query))
    },
  )
  router.get(
    '/privacy/audit.csv',
    SUPERVISOR(),
    doc({ summary: '导出访问审计（CSV，与筛选条件一致）', query: AuditQuery, responses: { 200: null } }),
    async (req, res) => {
      const csv = await auditCsv(db, currentStaff(req), AuditQuery.parse(req.query))
      res.setHeader('Cache-Control', 'no-store')
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('访问审计.csv')}`)
      res.type('text/csv; charset=utf-8').send(csv)
    },
  )

  router.get(
    '/privacy/retention',
    ADMIN(),
    doc({ summary: '数据保留期限（天）：原始回调、过程事件、审计记录', responses: { 200: RetentionSchema } }),
    async (_req, res) => {
      res.json(await getRetention(db))
    },
  )
  router.put(
    '/privacy/retention',
    ADMIN(),
    doc({
      summary: '修改数据保留期限（到期数据由定时清理任务删除，统计汇总保留）',
      body: RetentionBody,
      responses: { 200: RetentionSchema },
    }),
    async (req, res) => {
      const body = RetentionBody.parse(req.body)
      res.json(await setRetention(db, currentStaff(req), body, ctx.now()))
    },
  )

  router.post(
    '/privacy/erasure',
    ADMIN(),
    doc({
      summary: '按客户要求删除个人信息：解除绑定、抹去企微联系人与事件中的个人字段（保留统计）',
      body: ErasureBody,
      responses: { 200: ErasureResultSchema },
    }),
    async (req, res) => {
      const body = ErasureBody.parse(req.body)
      res.json(await erasePerson(db, currentStaff(req), body, ctx.now()))
    },
  )
  return router
}
