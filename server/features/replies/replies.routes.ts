import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { consoleEscalationsRoutes } from './console-escalations.routes.js'
import { consoleLearningRoutes } from './console-learning.routes.js'
import { consoleLexiconRoutes } from './console-lexicon.routes.js'
import { consoleQaRoutes } from './console-qa.routes.js'
import { sidebarRepliesRoutes } from './sidebar-replies.routes.js'

/** Q&A library, reply suggestions and 问中台 escalations; mounted under /api. */
export function repliesRoutes(ctx: AppContext): Router {
  const router = Router()
  router.use(
    sidebarRepliesRoutes(ctx),
    consoleQaRoutes(ctx),
    consoleEscalationsRoutes(ctx),
    consoleLexiconRoutes(ctx),
    consoleLearningRoutes(ctx),
  )
  return router
}
