import { Router } from 'express'
import { ContactParams } from '../../contracts/contacts.js'
import { CreateFollowupBody, FollowupListSchema, FollowupSchema } from '../../contracts/followups.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { addFollowup, getFollowups } from './followups.service.js'

const OWN_BOOK = () => allow({ roles: ['front'], scope: 'own-book' })

/** 跟进记录 in the sidebar: the manager's notes on their own contact. */
export function followupsRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/contacts/:externalUserId/followups',
    OWN_BOOK(),
    doc({ summary: '客户的跟进记录（最近 50 条）', params: ContactParams, responses: { 200: FollowupListSchema } }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await getFollowups(ctx, currentStaff(req), externalUserId))
    },
  )
  router.post(
    '/contacts/:externalUserId/followups',
    OWN_BOOK(),
    doc({
      summary: '新增跟进记录（身份证、手机、卡号自动打码；审计）',
      params: ContactParams,
      body: CreateFollowupBody,
      responses: { 201: FollowupSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      const body = CreateFollowupBody.parse(req.body)
      res.status(201).json(await addFollowup(ctx, currentStaff(req), externalUserId, body, req.ip))
    },
  )
  return router
}
