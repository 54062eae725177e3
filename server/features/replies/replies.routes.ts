import { Router } from 'express'
import type { AppContext } from '../../lib/context.js'

/** Q&A library, reply suggestions and 问中台 escalations; mounted under /api. */
export function repliesRoutes(_ctx: AppContext): Router {
  return Router()
}
