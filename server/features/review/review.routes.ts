import { Router } from 'express'
import {
  AllowedHostBody,
  AllowlistSchema,
  BannedPhraseBody,
  BannedPhraseListSchema,
  BannedPhraseSchema,
  ComplianceCheckBody,
  FindingsSchema,
  HostParams,
  IdParams,
} from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { checkCompliance } from './compliance.js'
import { complianceRoutes, listLexicon, loadLexicon, proposePhrase, retirePhrase } from '../compliance/index.js'
import { addAllowedHost, listAllowedHosts, removeAllowedHost } from './review.repository.js'

const MIDDLE_OFFICE = allow({ roles: ['middle'], scope: 'middle-office' })

/** The compliance lists the middle office maintains, and a dry-run check for inline findings. */
export function reviewRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = ctx.db.kysely
  router.use(complianceRoutes(ctx))

  router.get(
    '/review/banned-phrases',
    MIDDLE_OFFICE,
    doc({ summary: '违规用语词库（含待审核提议）与当前词库版本', responses: { 200: BannedPhraseListSchema } }),
    async (_req, res) => {
      const [phrases, lexicon] = await Promise.all([listLexicon(db), loadLexicon(db)])
      res.json({ phrases, lexiconVersion: lexicon.version })
    },
  )
  router.post(
    '/review/banned-phrases',
    MIDDLE_OFFICE,
    doc({
      summary: '提议新增违规用语（由另一位审核人员批准后生效）',
      body: BannedPhraseBody,
      responses: { 201: BannedPhraseSchema },
    }),
    async (req, res) => {
      const body = BannedPhraseBody.parse(req.body)
      res.status(201).json(await proposePhrase(db, body, currentStaff(req), ctx.now()))
    },
  )
  router.delete(
    '/review/banned-phrases/:id',
    MIDDLE_OFFICE,
    doc({ summary: '下线违规用语（审核人员），或撤回自己的提议', params: IdParams, responses: { 204: null } }),
    async (req, res) => {
      await retirePhrase(db, IdParams.parse(req.params).id, currentStaff(req), ctx.now())
      res.status(204).end()
    },
  )

  router.get(
    '/review/link-allowlist',
    MIDDLE_OFFICE,
    doc({ summary: '链接域名白名单（本系统域名始终允许）', responses: { 200: AllowlistSchema } }),
    async (_req, res) => {
      res.json({ hosts: await listAllowedHosts(db), builtIn: new URL(ctx.config.publicBaseUrl).hostname })
    },
  )
  router.post(
    '/review/link-allowlist',
    MIDDLE_OFFICE,
    doc({ summary: '新增白名单域名', body: AllowedHostBody, responses: { 201: AllowedHostBody } }),
    async (req, res) => {
      const { host } = AllowedHostBody.parse(req.body)
      await addAllowedHost(db, host, currentStaff(req).id, ctx.now())
      res.status(201).json({ host })
    },
  )
  router.delete(
    '/review/link-allowlist/:host',
    MIDDLE_OFFICE,
    doc({ summary: '移除白名单域名', params: HostParams, responses: { 204: null } }),
    async (req, res) => {
      await removeAllowedHost(db, HostParams.parse(req.params).host)
      res.status(204).end()
    },
  )

  router.post(
    '/review/check',
    MIDDLE_OFFICE,
    doc({
      summary: '合规预检（编辑时即时提示，不改变状态）',
      body: ComplianceCheckBody,
      responses: { 200: FindingsSchema },
    }),
    async (req, res) => {
      const input = ComplianceCheckBody.parse(req.body)
      res.json({ findings: await checkCompliance(db, input, { publicBaseUrl: ctx.config.publicBaseUrl }) })
    },
  )
  return router
}
