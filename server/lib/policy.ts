import type { RequestHandler } from 'express'
import type { StaffRole } from '../features/org/org.table.js'
import { forbidden, unauthenticated } from './errors.js'

/**
 * Who may call a route and how far their data reaches. Declared next to every route definition
 * (`router.get(path, allow({...}), handler)`); the authorization test walks the route table and
 * fails on any route without one.
 * - `public`: anyone (rate-limited where guessable); `signed-in`: any active staff member, own data only;
 * - `own-book`: front office, their own contacts/customers; `branch-subtree`: supervisors, their branch and below;
 * - `middle-office`: middle office work queues and libraries; `signature`: WeCom's signed callbacks;
 * - `integration`: the bank's IT loading CRM and staff data (whole bank, no customer contacts).
 */
export type Scope =
  'public' | 'signed-in' | 'own-book' | 'branch-subtree' | 'middle-office' | 'signature' | 'integration'

export interface RoutePolicy {
  roles: readonly StaffRole[] | 'anyone'
  scope: Scope | readonly Scope[]
}

export type PolicyHandler = RequestHandler & { policy: RoutePolicy }

/** Enforces and records a route's policy: anonymous → 401, wrong role → 403. */
export function allow(policy: RoutePolicy): PolicyHandler {
  const handler: RequestHandler = (req, _res, next) => {
    if (policy.roles === 'anyone') return next()
    if (!req.staff) throw unauthenticated()
    if (!policy.roles.includes(req.staff.role)) throw forbidden('当前角色无权执行此操作')
    next()
  }
  return Object.assign(handler, { policy })
}

/** Shorthands for the common cases. */
export const publicRoute = () => allow({ roles: 'anyone', scope: 'public' })
export const signedIn = () => allow({ roles: ['front', 'middle', 'supervisor', 'admin'], scope: 'signed-in' })
