import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import {
  CHAT_UPDATE_DETAILS,
  emitBurst,
  emitOtherEvent,
  verifyCallbackUrl,
  type OtherEvent,
} from './callback-emitter.js'
import { endCredentials } from './sim-credentials.repository.js'
import { FAULT_KINDS, FaultRuleInput } from './sim-faults.js'
import type { SimRuntime } from './sim-runtime.js'

const ClearQuery = z.object({ api: z.string().max(120).optional() })
const EndCredentialBody = z.object({
  kind: z.enum(['access_token', 'jsapi_ticket', 'agent_ticket']),
  how: z.enum(['expire', 'revoke']).default('revoke'),
})
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/, '可信域名形如 advisor.example.com')
const SettingsBody = z
  .object({
    callbackTimeoutMs: z.number().int().min(10).max(60_000),
    callbackAttempts: z.number().int().min(1).max(10),
    callbackRetryDelayMs: z.number().int().min(0).max(600_000),
    signatureMaxAgeSeconds: z.number().int().min(1).max(86_400),
    momentPollsInProgress: z.number().int().min(0).max(100),
    momentJobSeconds: z.number().int().min(0).max(86_400),
    trustedDomain: Domain.nullable(),
    rateLimits: z
      .array(
        z.object({
          api: z.string().min(1).max(120),
          limit: z.number().int().min(1),
          windowSeconds: z.number().int().min(1).max(86_400),
          blockSeconds: z
            .number()
            .int()
            .min(0)
            .max(30 * 86_400),
        }),
      )
      .max(50),
  })
  .partial()
const CallbackUrlBody = z.object({ url: z.url().max(2000).nullable() })
const Id = z.string().min(1).max(64)
const ChatEventBody = z.object({
  kind: z.literal('chat'),
  changeType: z.enum(['create', 'update', 'dismiss']),
  chatId: Id,
  updateDetail: z.enum(CHAT_UPDATE_DETAILS).optional(),
  joinScene: z.number().int().min(0).max(9).optional(),
  quitScene: z.number().int().min(0).max(9).optional(),
  memChangeCnt: z.number().int().min(0).max(2000).optional(),
})
const TagEventBody = z.object({
  kind: z.literal('tag'),
  changeType: z.enum(['create', 'update', 'delete', 'shuffle']),
  id: Id,
  tagType: z.enum(['tag', 'tag_group']).default('tag'),
  strategyId: z.number().int().optional(),
})
const OtherEventBody = z.discriminatedUnion('kind', [ChatEventBody, TagEventBody])
const BurstBody = z.object({ events: z.array(OtherEventBody).min(2).max(20) })

/** Fault controls, runtime settings and the non-contact callbacks under /simulator/api. */
export function simFaultsApiRoutes(ctx: AppContext, sim: SimRuntime): Router {
  const router = Router()
  const settings = () => {
    const { rateLimits, callbackUrl, ...rest } = sim.options
    return { ...rest, trustedDomain: rest.trustedDomain ?? null, callbackUrl: callbackUrl ?? null, rateLimits }
  }

  router.get('/faults', (_req, res) => {
    res.json({ faults: sim.faults.list(), kinds: FAULT_KINDS })
  })

  router.put('/faults', (req, res) => {
    res.status(201).json({ fault: sim.faults.set(FaultRuleInput.parse(req.body)) })
  })

  router.delete('/faults', (req, res) => {
    sim.faults.clear(ClearQuery.parse(req.query).api)
    res.status(204).end()
  })

  router.post('/credentials/end', async (req, res) => {
    const { kind, how } = EndCredentialBody.parse(req.body)
    res.json({ ended: await endCredentials(ctx, kind, how) })
  })

  router.get('/settings', (_req, res) => {
    res.json(settings())
  })

  router.put('/settings', (req, res) => {
    const { trustedDomain, ...rest } = SettingsBody.parse(req.body ?? {})
    Object.assign(sim.options, rest)
    if (trustedDomain !== undefined) sim.options.trustedDomain = trustedDomain ?? undefined
    res.json(settings())
  })

  // Saving a callback URL in WeCom's admin console first sends the verification GET; only a URL that passes is kept.
  router.put('/callback-url', async (req, res) => {
    const { url } = CallbackUrlBody.parse(req.body)
    if (url === null) {
      sim.options.callbackUrl = undefined
      return res.json({ verified: false, callbackUrl: null })
    }
    const check = await verifyCallbackUrl(ctx, url)
    if (!check.verified) throw new AppError('VALIDATION_FAILED', 400, check.reason ?? '回调地址验证失败')
    sim.options.callbackUrl = url
    res.json({ ...check, callbackUrl: url })
  })

  router.post('/events/other', async (req, res) => {
    const event = OtherEventBody.parse(req.body) as OtherEvent
    res.json({ delivery: await emitOtherEvent(ctx, event, sim.options) })
  })

  router.post('/events/burst', async (req, res) => {
    const { events } = BurstBody.parse(req.body)
    res.json({ deliveries: await emitBurst(ctx, events as OtherEvent[], sim.options) })
  })

  return router
}
