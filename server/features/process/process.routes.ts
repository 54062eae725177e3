import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'

/** Tasks, WeCom data sync, rollups, dashboard and exports; mounted under /api. */
export function processRoutes(_ctx: AppContext): Router {
  return Router()
}
