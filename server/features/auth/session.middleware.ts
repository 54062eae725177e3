import type { RequestHandler } from 'express'
import type { AppContext } from '../../lib/context.js'
import { unauthenticated } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { findActiveStaffById } from '../org/index.js'
import { readSession, SESSION_COOKIE } from './session-cookie.js'

/** Attaches `req.staff` when the cookie is valid and the staff member is still active. */
export function loadSession(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const staffId = readSession(req.cookies?.[SESSION_COOKIE], ctx.config.sessionSecret, ctx.now())
    if (staffId) {
      const staff = await findActiveStaffById(ctx.db.kysely, staffId)
      if (staff) req.staff = staff
    }
    next()
  }
}

export function currentStaff(req: { staff?: SessionStaff }): SessionStaff {
  if (!req.staff) throw unauthenticated()
  return req.staff
}
