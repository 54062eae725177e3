import type { RequestHandler } from 'express'
import type { AppContext } from '../../lib/context.js'
import { unauthenticated } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { sessionToken } from './session-cookie.js'
import { findSessionStaff } from './sessions.repository.js'

/** Attaches `req.staff` when the cookie names a live session of a staff member who is still active. */
export function loadSession(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req)
    if (token) {
      const staff = await findSessionStaff(ctx.db.kysely, token, ctx.now())
      if (staff) req.staff = staff
    }
    next()
  }
}

export function currentStaff(req: { staff?: SessionStaff }): SessionStaff {
  if (!req.staff) throw unauthenticated()
  return req.staff
}
