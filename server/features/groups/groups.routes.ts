import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'

/** Customer group chats seen from the sidebar; mounted under /api. */
export function groupsRoutes(_ctx: AppContext): Router {
  return Router()
}
