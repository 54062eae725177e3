import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'

/** Content library, sidebar recommendations and per-send tracking; mounted under /api. */
export function contentRoutes(_ctx: AppContext): Router {
  return Router()
}
