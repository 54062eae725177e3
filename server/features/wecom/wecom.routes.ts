import express, { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import { JsSignaturesBody, JsSignaturesResponse } from '../../contracts/wecom.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow, publicRoute } from '../../lib/policy.js'
import { rateLimit } from '../../lib/rate-limit.js'
import { cookieOptions, issueSession } from '../auth/index.js'
import { receiveCallback, SignedQuery, verifyCallbackUrl, VerifyQuery } from './callback-inbox.js'
import { resumeCallbackProcessing, scheduleCallbackProcessing } from './callback-processor.js'
import { JS_SIGNATURES_IP_CEILING, JS_SIGNATURES_RATE_LIMIT, signPageUrl } from './js-signatures.service.js'
import { PAGES } from './oauth.pages.js'
import { buildAuthorizeUrl, completeLogin, newOauthState, safeRedirect } from './oauth.service.js'
import { getWecomClient } from './wecom-client.js'

const STATE_COOKIE = 'ad_oauth_state'
const STATE_TTL_MS = 10 * 60_000

const CallbackQuery = z.object({ code: z.string().min(1).max(512), state: z.string().regex(/^[A-Za-z0-9]{1,128}$/) })

/**
 * WeCom integration routes.
 * - `api` is mounted under `/api` (js-signatures, callback receiver).
 * - `pages` is mounted at the root (`/auth/wecom`, `/auth/wecom/callback`).
 */
export function wecomRoutes(ctx: AppContext): { api: Router; pages: Router } {
  const client = getWecomClient(ctx)
  const api = Router()
  const pages = Router()
  const stateCookie = { ...cookieOptions(ctx.config, STATE_TTL_MS), path: '/auth/wecom' }

  api.post(
    '/wecom/js-signatures',
    publicRoute(),
    doc({
      summary: 'JS-SDK 签名（企业与应用两种 ticket），仅签本站页面地址',
      body: JsSignaturesBody,
      responses: { 200: JsSignaturesResponse },
    }),
    rateLimit(ctx, JS_SIGNATURES_IP_CEILING),
    rateLimit(ctx, JS_SIGNATURES_RATE_LIMIT),
    async (req, res) => {
      const { url } = JsSignaturesBody.parse(req.body)
      res.set('Cache-Control', 'no-store').json(await signPageUrl(ctx, client, url))
    },
  )

  api.get(
    '/wecom/callback',
    allow({ roles: 'anyone', scope: 'signature' }),
    doc({
      summary: '企业微信回调 URL 验证（返回解密后的 echostr 明文）',
      query: VerifyQuery,
      responses: { 200: null },
    }),
    (req, res) => {
      res.type('text/plain').send(verifyCallbackUrl(ctx, req.query))
    },
  )

  // Only this route reads a raw body: WeCom posts XML, whatever content-type it claims.
  api.post(
    '/wecom/callback',
    allow({ roles: 'anyone', scope: 'signature' }),
    doc({
      summary: '企业微信事件回调（签名校验、解密、去重后入库）',
      query: SignedQuery,
      body: z.string(),
      bodyType: 'text/xml',
      responses: { 200: null },
    }),
    express.text({ type: () => true, limit: '64kb' }),
    async (req, res) => {
      const { stored } = await receiveCallback(ctx, req.query, req.body)
      res.status(200).end()
      if (stored) scheduleCallbackProcessing(ctx)
    },
  )

  pages.get(
    '/auth/wecom',
    publicRoute(),
    doc({
      summary: '企业微信网页授权（snsapi_base）入口：跳转到授权页',
      query: z.object({ redirect: z.string().optional() }),
      responses: { 302: null },
    }),
    (req, res) => {
      const state = newOauthState()
      res.cookie(STATE_COOKIE, `${state}:${safeRedirect(req.query.redirect)}`, stateCookie)
      res.redirect(302, buildAuthorizeUrl(ctx.config, state))
    },
  )

  // Each call costs a code exchange with WeCom; a sign-in needs one, a retry loop a few. Keyed by the
  // OAuth code (single use, one person); the IP — shared by a whole bank's staff — only has a ceiling
  // sized for the morning rush of thousands (each exchange is also paced by the WeCom governor).
  const callbackIpCeiling = rateLimit(ctx, {
    name: 'oauth-callback-ip',
    limit: 10_000,
    windowMs: 600_000,
    key: (req) => req.ip ?? 'unknown',
  })
  const callbackPerCode = rateLimit(ctx, {
    name: 'oauth-callback-code',
    limit: 20,
    windowMs: 600_000,
    key: (req) => `code:${typeof req.query.code === 'string' ? req.query.code.slice(0, 128) : ''}`,
  })
  pages.get(
    '/auth/wecom/callback',
    publicRoute(),
    doc({ summary: '网页授权回调：code 换 userid，建立会话后跳回', query: CallbackQuery, responses: { 302: null } }),
    callbackIpCeiling,
    callbackPerCode,
    async (req, res) => {
      const [expected, redirect] = splitStateCookie(req)
      const retry = `/auth/wecom?redirect=${encodeURIComponent(redirect)}`
      res.clearCookie(STATE_COOKIE, { ...stateCookie, maxAge: undefined })
      const query = CallbackQuery.safeParse(req.query)
      if (!query.success || !expected || query.data.state !== expected) return sendPage(res, 400, PAGES.badState(retry))
      const outcome = await completeLogin(ctx, client, query.data.code)
      if (outcome.kind === 'code-expired') return sendPage(res, 400, PAGES.codeExpired(retry))
      if (outcome.kind === 'wecom-failed') return sendPage(res, 502, PAGES.wecomFailed(retry))
      if (outcome.kind === 'refused') return sendPage(res, 403, PAGES.refused())
      await issueSession(res, ctx, outcome.staff.id)
      res.redirect(302, redirect)
    },
  )

  // Startup pass: callbacks stored but not processed before the last shutdown.
  resumeCallbackProcessing(ctx)
  return { api, pages }
}

/** `<state>:<redirect>`; the redirect is re-checked because the cookie came back from the browser. */
function splitStateCookie(req: Request): [string | undefined, string] {
  const raw: unknown = req.cookies?.[STATE_COOKIE]
  if (typeof raw !== 'string') return [undefined, safeRedirect(undefined)]
  const i = raw.indexOf(':')
  return i < 1 ? [undefined, safeRedirect(undefined)] : [raw.slice(0, i), safeRedirect(raw.slice(i + 1))]
}

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html)
}
