import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { pendingRoutes, reviewRoutes } from '../review/index.js'
import { contentConsoleRoutes } from './content-console.routes.js'
import { contentPublicRoutes } from './content-public.routes.js'
import { contentSidebarRoutes } from './content-sidebar.routes.js'

/** Content library, sidebar recommendations and per-send tracking; mounted under /api. */
export function contentRoutes(ctx: AppContext): Router {
  const router = Router()
  router.use(
    reviewRoutes(ctx),
    pendingRoutes(ctx),
    contentConsoleRoutes(ctx),
    contentSidebarRoutes(ctx),
    contentPublicRoutes(ctx),
  )
  return router
}
