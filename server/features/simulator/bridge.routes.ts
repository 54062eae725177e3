import path from 'node:path'
import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { jsapiSignature } from '../wecom/index.js'
import { validTickets } from './sim-credentials.repository.js'
import { epochSeconds, type SimulatorOptions } from './sim-options.js'
import { onTrustedDomain, trustedDomainProblem } from './trusted-origin.js'

// Static files stay beside the sources; compiled code (build/) finds them from the project root.
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'server/features/simulator/public')

const SignedPage = z.object({
  corpid: z.string().max(128),
  agentid: z.union([z.string(), z.number()]).transform(String).optional(),
  timestamp: z.union([z.string(), z.number()]).transform(String),
  nonceStr: z.string().max(128),
  signature: z.string().max(128),
  url: z.string().min(1).max(4096),
})
type SignedPage = z.infer<typeof SignedPage>

/** The client's reply to agentConfig / preVerifyJSAPI, in the bridge's `err_msg` form (facts §1.7). */
async function verifyPage(
  ctx: AppContext,
  opts: SimulatorOptions,
  api: 'agentConfig' | 'config',
  p: SignedPage,
): Promise<Record<string, unknown>> {
  const { corpId, agentId } = ctx.config.wecom
  const fail = (reason: string, code: number) => ({ err_msg: `${api}:fail_${reason}`, err_code: code })
  if (p.corpid !== corpId) return fail('invalid corpid', 40013)
  if (api === 'agentConfig' && p.agentid !== agentId) return fail('invalid agentid', 40056)
  // The page must be on the app's trusted domain (可信域名: no port, no IP), else 80001.
  const { publicBaseUrl } = ctx.config
  if (trustedDomainProblem(publicBaseUrl, opts.trustedDomain)) return fail('invalid domain', 80001)
  if (!onTrustedDomain(p.url, publicBaseUrl, opts.trustedDomain, true)) return fail('invalid domain', 80001)
  // A signature is made for the moment the page loads: a stale or future timestamp is refused.
  const age = Math.abs(epochSeconds(ctx.now()) - Number(p.timestamp))
  if (!Number.isFinite(age) || age > opts.signatureMaxAgeSeconds) return fail('invalid signature', 40093)
  const tickets = await validTickets(ctx, api === 'agentConfig' ? 'agent_ticket' : 'jsapi_ticket')
  const ok = tickets.some(
    (ticket) =>
      jsapiSignature({ ticket, nonceStr: p.nonceStr, timestamp: p.timestamp, url: p.url }) ===
      p.signature.toLowerCase(),
  )
  return ok ? { err_msg: `${api}:ok` } : fail('invalid signature', 40093)
}

/** Serves the fake WeixinJSBridge and checks the JS-SDK signatures the page computed server-side. */
export function bridgeRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const router = Router()

  router.get('/bridge.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache')
    res.type('application/javascript; charset=utf-8').sendFile(path.join(PUBLIC_DIR, 'bridge.js'))
  })

  router.post('/api/js/agent-config', async (req, res) => {
    res.json(await verifyPage(ctx, opts, 'agentConfig', SignedPage.parse(req.body)))
  })

  router.post('/api/js/config', async (req, res) => {
    res.json(await verifyPage(ctx, opts, 'config', SignedPage.parse(req.body)))
  })

  return router
}
