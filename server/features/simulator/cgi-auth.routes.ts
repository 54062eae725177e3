import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { cgi, E, parseInput, WecomError } from './cgi-kit.js'
import { consumeOauthCode, currentOrNewCredential } from './sim-credentials.repository.js'
import { openidFor, type SimulatorOptions } from './sim-options.js'
import { findPerson, liveFollowsOfPerson, staffExists } from './sim-world.repository.js'

const GetTokenQuery = z.object({ corpid: z.string().optional(), corpsecret: z.string().optional() })

/** gettoken: the only call without an access_token. */
export function cgiTokenRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const router = Router()
  const { corpId, secret } = ctx.config.wecom

  router.get(
    '/gettoken',
    cgi(async (req) => {
      const q = parseInput(GetTokenQuery, req.query)
      if (!q.corpid) throw new WecomError(41002, 'corpid missing')
      if (q.corpid !== corpId) throw E.invalidCorpId()
      if (!q.corpsecret) throw new WecomError(41004, 'corpsecret missing')
      if (q.corpsecret !== secret) throw new WecomError(40001, 'invalid credential, secret is invalid')
      const t = await currentOrNewCredential(ctx, 'access_token', opts.tokenTtlSeconds)
      return { access_token: t.value, expires_in: t.expiresIn }
    }),
  )

  return router
}

/** The two JS-SDK tickets and the OAuth code exchange (behind the access_token guard). */
export function cgiAuthRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const router = Router()

  router.get(
    '/get_jsapi_ticket',
    cgi(async () => {
      const t = await currentOrNewCredential(ctx, 'jsapi_ticket', opts.ticketTtlSeconds)
      return { ticket: t.value, expires_in: t.expiresIn }
    }),
  )

  router.get(
    '/ticket/get',
    cgi(async (req) => {
      if (req.query.type !== 'agent_config') throw E.invalidParam('type must be agent_config')
      const t = await currentOrNewCredential(ctx, 'agent_ticket', opts.ticketTtlSeconds)
      return { ticket: t.value, expires_in: t.expiresIn }
    }),
  )

  router.get(
    '/auth/getuserinfo',
    cgi(async (req) => {
      const code = req.query.code
      if (typeof code !== 'string' || code === '') throw E.missingCode()
      const spent = await consumeOauthCode(ctx, code, opts.oauthCodeTtlSeconds)
      if (!spent) throw E.invalidCode()
      if (spent.userid && (await staffExists(ctx.db.kysely, spent.userid))) return { userid: spent.userid }
      const personId = spent.personExternalUserid
      if (!personId || !(await findPerson(ctx.db.kysely, personId))) throw E.invalidCode()
      // external_userid only for a customer whose follower is in the app's visible range (here: everyone).
      const followed = (await liveFollowsOfPerson(ctx.db.kysely, personId)).length > 0
      return { openid: openidFor(personId), ...(followed ? { external_userid: personId } : {}) }
    }),
  )

  return router
}
