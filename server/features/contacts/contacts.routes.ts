import { Router } from 'express'
import { ContactParams } from '../../contracts/contacts.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/session.middleware.js'

const CONTACT_READERS = allow({ roles: ['front', 'supervisor'], scope: ['own-book', 'branch-subtree'] })
import { getContactProfile, getVerificationState } from './profile.service.js'

export function contactsRoutes(ctx: AppContext): Router {
  const router = Router()
  // Front office: own relations; supervisors: relations of staff in their branch subtree. Middle office: none.
  router.get('/contacts/:externalUserId', CONTACT_READERS, async (req, res) => {
    const { externalUserId } = ContactParams.parse(req.params)
    res.setHeader('Cache-Control', 'no-store')
    res.json(await getContactProfile(ctx, currentStaff(req), externalUserId, req.ip))
  })
  // Polled by the sidebar while a link is out: the state only, no customer data.
  router.get('/contacts/:externalUserId/verification', CONTACT_READERS, async (req, res) => {
    const { externalUserId } = ContactParams.parse(req.params)
    res.setHeader('Cache-Control', 'no-store')
    res.json(await getVerificationState(ctx, currentStaff(req), externalUserId))
  })
  return router
}
