import { Router } from 'express'
import {
  HandoverCustomerListSchema,
  HandoverCustomersQuery,
  HandoverGroupListSchema,
  HandoverGroupsQuery,
  TransferGroupsBody,
  TransferGroupsResultSchema,
  DismissProposalsBody,
  DismissProposalsResultSchema,
  HandoverProposalListSchema,
  HandoverStaffListSchema,
  RefreshResultSchema,
  StartHandoverBody,
  StartHandoverResultSchema,
  TransferListSchema,
} from '../../contracts/handover.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { refreshTransfers } from './handover-poll.js'
import { startHandover } from './handover.service.js'
import { listHandoverCustomers, listHandoverStaff, listTransfers } from './handover-views.js'
import { dismissProposals, listProposals } from './proposals.service.js'
import { listGroupsOf, transferGroups } from './group-handover.service.js'

const SUPERVISOR = () => allow({ roles: ['supervisor'], scope: 'branch-subtree' })

/** 客户继承 for supervisors: 在职转接 / 离职继承 of their branch's members through WeCom. */
export function handoverRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/handover/staff',
    SUPERVISOR(),
    doc({ summary: '可转接的员工（本机构及下级）', responses: { 200: HandoverStaffListSchema } }),
    async (req, res) => {
      res.json({ items: await listHandoverStaff(ctx, currentStaff(req)) })
    },
  )
  router.get(
    '/handover/customers',
    SUPERVISOR(),
    doc({
      summary: '原跟进成员的客户（可按客群筛选）',
      query: HandoverCustomersQuery,
      responses: { 200: HandoverCustomerListSchema },
    }),
    async (req, res) => {
      const q = HandoverCustomersQuery.parse(req.query)
      res.json({ items: await listHandoverCustomers(ctx, currentStaff(req), q.handover, q.segment) })
    },
  )
  router.get(
    '/handover/transfers',
    SUPERVISOR(),
    doc({ summary: '转接记录与企业微信返回的接替状态', responses: { 200: TransferListSchema } }),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store')
      res.json({ items: await listTransfers(ctx, currentStaff(req)) })
    },
  )
  router.post(
    '/handover/transfers',
    SUPERVISOR(),
    doc({
      summary: '发起在职转接 / 离职继承（每次最多 100 位客户一批调用企业微信；审计）',
      body: StartHandoverBody,
      responses: { 201: StartHandoverResultSchema },
    }),
    async (req, res) => {
      const body = StartHandoverBody.parse(req.body)
      res.status(201).json(await startHandover(ctx, currentStaff(req), body, req.ip))
    },
  )
  router.post(
    '/handover/transfers/refresh',
    SUPERVISOR(),
    doc({ summary: '立即向企业微信查询接替状态', responses: { 200: RefreshResultSchema } }),
    async (_req, res) => {
      res.json(await refreshTransfers(ctx))
    },
  )
  router.get(
    '/handover/proposals',
    SUPERVISOR(),
    doc({ summary: 'CRM 管户变更后待转接的客户', responses: { 200: HandoverProposalListSchema } }),
    async (req, res) => {
      res.json({ items: await listProposals(ctx, currentStaff(req)) })
    },
  )
  router.get(
    '/handover/groups',
    SUPERVISOR(),
    doc({
      summary: '原群主的客户群（企业微信 groupchat/list）',
      query: HandoverGroupsQuery,
      responses: { 200: HandoverGroupListSchema },
    }),
    async (req, res) => {
      const q = HandoverGroupsQuery.parse(req.query)
      res.setHeader('Cache-Control', 'no-store')
      res.json({ items: await listGroupsOf(ctx, currentStaff(req), q.owner) })
    },
  )
  router.post(
    '/handover/groups/transfer',
    SUPERVISOR(),
    doc({
      summary: '转让客户群群主（在职：onjob_transfer；离职：groupchat/transfer；每次最多 100 个群；审计）',
      body: TransferGroupsBody,
      responses: { 200: TransferGroupsResultSchema },
    }),
    async (req, res) => {
      const body = TransferGroupsBody.parse(req.body)
      res.json(await transferGroups(ctx, currentStaff(req), body, req.ip))
    },
  )
  router.post(
    '/handover/proposals/dismiss',
    SUPERVISOR(),
    doc({
      summary: '忽略待转接建议（客户留在原跟进成员处；审计）',
      body: DismissProposalsBody,
      responses: { 200: DismissProposalsResultSchema },
    }),
    async (req, res) => {
      const body = DismissProposalsBody.parse(req.body)
      res.json(await dismissProposals(ctx, currentStaff(req), body.externalUserIds, req.ip))
    },
  )
  return router
}
