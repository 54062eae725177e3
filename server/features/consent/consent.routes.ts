import { Router } from 'express'
import { ContactParams } from '../../contracts/contacts.js'
import { MarketingConsentSchema, SetConsentBody } from '../../contracts/followups.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { recordAudit } from '../audit/index.js'
import { currentStaff } from '../auth/index.js'
import { requireOwnContact } from '../wecom/index.js'
import { findConsent, insertConsent } from './consent.repository.js'

const OWN_BOOK = () => allow({ roles: ['front'], scope: 'own-book' })

/** Marketing consent as the manager records it ("the customer told me"): read and set, audited. */
export function consentRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/contacts/:externalUserId/marketing-consent',
    OWN_BOOK(),
    doc({ summary: '客户是否拒收营销推送', params: ContactParams, responses: { 200: MarketingConsentSchema } }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      await requireOwnContact(ctx.db.kysely, currentStaff(req).userid, externalUserId)
      res.json(await findConsent(ctx.db.kysely, externalUserId))
    },
  )
  router.put(
    '/contacts/:externalUserId/marketing-consent',
    OWN_BOOK(),
    doc({
      summary: '记录客户告知的营销推送意愿（群发与推荐将据此跳过；服务类消息不受影响）',
      params: ContactParams,
      body: SetConsentBody,
      responses: { 200: MarketingConsentSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      const { optedOut } = SetConsentBody.parse(req.body)
      const me = currentStaff(req)
      const db = ctx.db.kysely
      await requireOwnContact(db, me.userid, externalUserId)
      const now = ctx.now()
      await insertConsent(db, {
        externalUserid: externalUserId,
        optedOut,
        channel: 'told_manager',
        staffUserid: me.userid,
        at: now,
      })
      await recordAudit(
        db,
        {
          actorStaffId: me.id,
          action: 'consent.set',
          target: `contact:${externalUserId}`,
          outcome: 'allowed',
          ip: req.ip,
          detail: { optedOut },
        },
        now,
      )
      res.json(await findConsent(db, externalUserId))
    },
  )
  return router
}
