import express, { Router } from 'express'
import type { AppContext } from '../../lib/context.js'
import { apiNotFound } from '../../lib/error-middleware.js'
import type { HtmlTransform } from '../../lib/spa.js'
import { bridgeRoutes, PUBLIC_DIR } from './bridge.routes.js'
import { cgiAuthRoutes, cgiTokenRoutes } from './cgi-auth.routes.js'
import { cgiBehaviourRoutes } from './cgi-behaviour.routes.js'
import { cgiContactRoutes } from './cgi-contacts.routes.js'
import { cgiGroupchatRoutes } from './cgi-groupchat.routes.js'
import { cgiGroupmsgRoutes } from './cgi-groupmsg.routes.js'
import { cgiErrors, requireAccessToken } from './cgi-kit.js'
import { cgiMediaRoutes } from './cgi-media.routes.js'
import { cgiMomentRoutes } from './cgi-moments.routes.js'
import { cgiWelcomeRoutes } from './cgi-welcome.routes.js'
import { cgiTransferRoutes, simTransferApiRoutes } from './cgi-transfer.routes.js'
import { cgiTagRoutes } from './cgi-tags.routes.js'
import { desktopPageRoutes } from './desktop-page.routes.js'
import { injectBridge } from './html-transform.js'
import { oauthPageRoutes } from './oauth-page.routes.js'
import { simulatorApiRoutes } from './sim-api.routes.js'
import { simGroupsApiRoutes } from './sim-groups-api.routes.js'
import { simScenarioApiRoutes } from './sim-scenario-api.routes.js'
import { simTasksApiRoutes } from './sim-tasks-api.routes.js'
import { cgiFaults } from './sim-faults.js'
import { simFaultsApiRoutes } from './sim-faults-api.routes.js'
import type { SimulatorOptions } from './sim-options.js'
import { createSimRuntime, type SimRuntime } from './sim-runtime.js'

/** The qyapi subset under /simulator/cgi-bin: WeCom paths, JSON shapes and errcodes. */
function qyapi(ctx: AppContext, sim: SimRuntime): Router {
  const opts = sim.options
  const router = Router()
  // Before every route, gettoken included: a fault set for `*` or an API reaches routes added later too.
  router.use(cgiFaults(ctx, sim.faults, opts))
  router.use(cgiTokenRoutes(ctx, opts))
  router.use(requireAccessToken(ctx))
  router.use(
    cgiAuthRoutes(ctx, opts),
    cgiContactRoutes(ctx),
    cgiBehaviourRoutes(ctx),
    cgiGroupmsgRoutes(ctx),
    cgiMomentRoutes(ctx, sim),
    cgiMediaRoutes(ctx),
    cgiWelcomeRoutes(ctx),
    cgiTransferRoutes(ctx, opts),
  )
  router.use(cgiGroupchatRoutes(ctx))
  router.use(cgiTagRoutes(ctx))
  router.use((_req, res) => {
    res.status(404).json({ errcode: 404, errmsg: 'api not found in the simulator' })
  })
  router.use(cgiErrors)
  return router
}

/** The WeCom simulator, mounted at the root in DEMO mode only (all its paths start with /simulator). */
export function simulatorMount(
  ctx: AppContext,
  overrides: Partial<SimulatorOptions> = {},
): { router: Router; htmlTransform: HtmlTransform; options: Readonly<SimulatorOptions> } {
  const sim = createSimRuntime(overrides)
  const options = sim.options
  const router = Router()
  router.use('/simulator/cgi-bin', qyapi(ctx, sim))
  router.use('/simulator/static', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }))
  router.use('/simulator/api', simulatorApiRoutes(ctx, options))
  router.use('/simulator/api', simGroupsApiRoutes(ctx))
  router.use('/simulator/api', simTasksApiRoutes(ctx))
  router.use('/simulator/api', simFaultsApiRoutes(ctx, sim))
  router.use('/simulator/api', simTransferApiRoutes(ctx, options))
  router.use('/simulator/api', simScenarioApiRoutes(ctx))
  router.use('/simulator', bridgeRoutes(ctx, options), oauthPageRoutes(ctx, options), desktopPageRoutes())
  router.use('/simulator/api', apiNotFound)
  return { router, htmlTransform: injectBridge, options }
}
