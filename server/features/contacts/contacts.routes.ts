import { Router } from 'express'
import { ContactParams, ContactProfileSchema, RevealBody, RevealResultSchema } from '../../contracts/contacts.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { withPlainText } from '../../lib/plain-text.js'
import { allow } from '../../lib/policy.js'
import { rateLimit } from '../../lib/rate-limit.js'
import { currentStaff } from '../auth/index.js'
import { getContactProfile, getVerificationState } from './profile.service.js'
import { REVEALS_PER_DAY, REVEALS_PER_HOUR, revealCustomerField } from './reveal.service.js'

const CONTACT_READERS = allow({ roles: ['front', 'supervisor'], scope: ['own-book', 'branch-subtree'] })
const SUPERVISORS = allow({ roles: ['supervisor'], scope: 'branch-subtree' })
const RevealReasonBody = withPlainText(RevealBody, ['note'])
const byStaff = (req: { staff?: { id: string } }) => req.staff?.id ?? 'anonymous'

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
  // Counted per supervisor on every instance (database windows), refused attempts included.
  const revealsPerHour = rateLimit(ctx, {
    name: 'reveal-hour',
    limit: REVEALS_PER_HOUR,
    windowMs: 3600_000,
    key: byStaff,
  })
  const revealsPerDay = rateLimit(ctx, {
    name: 'reveal-day',
    limit: REVEALS_PER_DAY,
    windowMs: 86_400_000,
    key: byStaff,
  })
  router.post(
    '/contacts/:externalUserId/reveal',
    SUPERVISORS,
    doc({
      summary: '督导查看客户完整手机号或证件号（一次一项，须选择并填写原因；审计并限次）',
      params: ContactParams,
      body: RevealReasonBody,
      responses: { 200: RevealResultSchema },
    }),
    revealsPerHour,
    revealsPerDay,
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      const body = RevealReasonBody.parse(req.body)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await revealCustomerField(ctx, currentStaff(req), externalUserId, body, req.ip))
    },
  )
  return router
}
