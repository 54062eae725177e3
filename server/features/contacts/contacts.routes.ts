import { Router } from 'express'
import { ContactParams, ContactProfileSchema } from '../../contracts/contacts.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'

const CONTACT_READERS = allow({ roles: ['front', 'supervisor'], scope: ['own-book', 'branch-subtree'] })
import { getContactProfile, getVerificationState } from './profile.service.js'

export function contactsRoutes(ctx: AppContext): Router {
  const router = Router()
  // Front office: own relations; supervisors: relations of staff in their branch subtree. Middle office: none.
  router.get(
    '/contacts/:externalUserId',
    CONTACT_READERS,
    doc({
      summary: '侧边栏首屏：联系人、CRM 客户、实名认证与计入考核（每次查看均审计）',
      params: ContactParams,
      responses: { 200: ContactProfileSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await getContactProfile(ctx, currentStaff(req), externalUserId, req.ip))
    },
  )
  // Polled by the sidebar while a link is out: the state only, no customer data.
  router.get(
    '/contacts/:externalUserId/verification',
    CONTACT_READERS,
    doc({
      summary: '实名认证状态（侧边栏轮询用，不含客户信息）',
      params: ContactParams,
      responses: { 200: ContactProfileSchema.shape.verification },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await getVerificationState(ctx, currentStaff(req), externalUserId))
    },
  )
  return router
}
