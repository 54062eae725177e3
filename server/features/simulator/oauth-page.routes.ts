import { Router, type Response } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { listActiveStaffWithBranch } from '../org/index.js'
import { mintOauthCode } from './sim-credentials.repository.js'
import { esc, page } from './html.js'
import { findPerson, staffExists } from './sim-world.repository.js'
import type { SimulatorOptions } from './sim-options.js'
import { onTrustedDomain, trustedDomainProblem } from './trusted-origin.js'
import { groupBy } from '../../lib/collections.js'

const AuthorizeQuery = z.object({
  appid: z.string().optional(),
  redirect_uri: z.string().optional(),
  response_type: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  agentid: z.string().optional(),
})
type AuthorizeQuery = z.infer<typeof AuthorizeQuery>
const PickQuery = AuthorizeQuery.extend({
  userid: z.string().max(64).optional(),
  person: z.string().max(64).optional(),
})

function errorPage(res: Response, errcode: number, message: string): void {
  const body = `<main class="card narrow"><h1>企业微信</h1><p class="error">${esc(message)}</p><p class="muted">错误码：${errcode}</p></main>`
  res.status(400).type('html').send(page('授权失败', body))
}

/** WeCom's checks on an authorize request; the error to show, or undefined when it may proceed. */
function checkAuthorize(
  ctx: AppContext,
  opts: SimulatorOptions,
  q: AuthorizeQuery,
): { errcode: number; message: string } | undefined {
  const { corpId, agentId } = ctx.config.wecom
  if (q.appid !== corpId) return { errcode: 40013, message: 'appid 参数错误：不是本企业的 CorpID' }
  const domainProblem = trustedDomainProblem(ctx.config.publicBaseUrl, opts.trustedDomain)
  if (domainProblem)
    return { errcode: 80001, message: `${domainProblem}：可信域名须为已备案的完整域名，不能带端口或使用 IP` }
  if (!q.redirect_uri || !onTrustedDomain(q.redirect_uri, ctx.config.publicBaseUrl, opts.trustedDomain)) {
    return { errcode: 50001, message: 'redirect_uri 需与应用的可信域名一致' }
  }
  if (q.response_type !== 'code') return { errcode: 40058, message: 'response_type 须为 code' }
  if (q.scope !== 'snsapi_base' && q.scope !== 'snsapi_privateinfo')
    return { errcode: 40058, message: 'scope 参数错误' }
  if (q.state !== undefined && !/^[a-zA-Z0-9]{0,128}$/.test(q.state))
    return { errcode: 40058, message: 'state 参数错误' }
  if (q.agentid !== undefined && q.agentid !== agentId) return { errcode: 40056, message: 'agentid 参数错误' }
  return undefined
}

const hidden = (q: AuthorizeQuery) =>
  (['appid', 'redirect_uri', 'response_type', 'scope', 'state', 'agentid'] as const)
    .filter((k) => q[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k])}">`)
    .join('')

/** The simulated open.weixin.qq.com authorize page: pick who you are, get redirected with a one-time code. */
export function oauthPageRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const router = Router()

  router.get('/oauth/authorize', async (req, res) => {
    const q = AuthorizeQuery.parse(req.query)
    const problem = checkAuthorize(ctx, opts, q)
    if (problem) return errorPage(res, problem.errcode, problem.message)
    const base = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined))
    const link = (userid: string) =>
      `/simulator/oauth/pick?${new URLSearchParams([...base, ['userid', userid]]).toString()}`
    // snsapi_base is silent in WeCom: the member the desktop simulator is "logged in" as goes straight through.
    const current = typeof req.cookies?.sim_user === 'string' ? req.cookies.sim_user : undefined
    if (current && (await staffExists(ctx.db.kysely, current))) return res.redirect(302, link(current))
    const staff = await listActiveStaffWithBranch(ctx.db.kysely)
    const byBranch = groupBy(staff, (s) => s.branchName)
    const groups = [...byBranch].map(
      ([branch, members]) =>
        `<section><h2>${esc(branch)}</h2><ul class="pick-list">${members
          .map(
            (m) =>
              `<li><a class="pick" href="${esc(link(m.userid))}"><span class="avatar">${esc(m.name.slice(0, 1))}</span><span>${esc(m.name)}</span><span class="muted">${esc(m.title)}</span></a></li>`,
          )
          .join('')}</ul></section>`,
    )
    const personForm =
      `<section><h2>以微信用户（客户）身份</h2><form method="get" action="/simulator/oauth/pick" class="inline-form">${hidden(q)}` +
      `<input name="person" placeholder="外部联系人 ID（wm…）" required maxlength="64"><button type="submit">继续</button></form></section>`
    const body = `<main class="card"><h1>企业微信 · 身份确认</h1><p class="muted">模拟器：请选择以哪位员工的身份登录。</p>${groups.join('') || '<p class="muted">还没有员工数据。</p>'}${personForm}</main>`
    res.type('html').send(page('企业微信授权', body))
  })

  router.get('/oauth/pick', async (req, res) => {
    const q = PickQuery.parse(req.query)
    const problem = checkAuthorize(ctx, opts, q)
    if (problem) return errorPage(res, problem.errcode, problem.message)
    const db = ctx.db.kysely
    let code: string
    if (q.userid && (await staffExists(db, q.userid))) code = await mintOauthCode(ctx, { userid: q.userid })
    else if (q.person && (await findPerson(db, q.person))) code = await mintOauthCode(ctx, { externalUserid: q.person })
    else return errorPage(res, 60111, '没有这位用户')
    const target = new URL(q.redirect_uri!)
    target.searchParams.set('code', code)
    target.searchParams.set('state', q.state ?? '')
    res.redirect(302, target.toString())
  })

  return router
}
