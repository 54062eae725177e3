import type { DoctorCheck } from '../../../contracts/wecom-admin.js'
import type { AppContext } from '../../../lib/context.js'
import { getWecomClient, type WecomClient } from '../wecom-client.js'
import { lastCallbackReceivedAt } from '../callback.repository.js'
import { WecomApiError } from '../wecom-errors.js'

type Check = Omit<DoctorCheck, 'id' | 'label'>
const ok = (detail: string): Check => ({ status: 'ok', detail, hint: null })
const fail = (detail: string, hint: string): Check => ({ status: 'fail', detail, hint })
const warn = (detail: string, hint: string): Check => ({ status: 'warn', detail, hint })

/** What IT most often gets wrong on day one, per errcode, in the words of the admin console. */
const HINTS: Record<number, string> = {
  40001: '应用 Secret 不正确：在「应用管理 → 本应用」查看 Secret，更新 WECOM_SECRET 后重启',
  40013: 'CorpID 不正确：在「我的企业 → 企业信息」复制企业ID，更新 WECOM_CORP_ID',
  48002: '应用未获客户联系权限：在「客户与上下游 → 客户联系 → 可调用接口的应用」中勾选本应用',
  60011: '成员不在应用可见范围：在「应用管理 → 本应用 → 可见范围」加入客户经理所在部门',
  60020: '服务器出口 IP 不在企业可信 IP：在「应用管理 → 本应用 → 企业可信IP」加入服务器出口 IP',
}
const hintOf = (err: unknown, fallback: string) =>
  err instanceof WecomApiError
    ? (HINTS[err.errcode] ?? `${fallback}（错误码 ${err.errcode}：${err.meaning}）`)
    : fallback
const detailOf = (err: unknown) =>
  err instanceof WecomApiError ? `错误码 ${err.errcode}：${err.meaning}` : '无法连接企业微信接口'

async function attempt(run: () => Promise<Check>, fallbackHint: string): Promise<Check> {
  try {
    return await run()
  } catch (err) {
    return fail(detailOf(err), hintOf(err, fallbackHint))
  }
}

/** The self-check IT runs on go-live day (console page and `npm run doctor`), in the order they fix things. */
export async function runDoctor(ctx: AppContext, client: WecomClient = getWecomClient(ctx)): Promise<DoctorCheck[]> {
  const net = '检查服务器能否访问 qyapi.weixin.qq.com（代理/防火墙）'
  const checks: [string, string, () => Promise<Check>][] = [
    ['token', 'access_token', async () => attempt(async () => (await client.checkToken(), ok('获取成功')), net)],
    [
      'corp-ticket',
      '企业 jsapi_ticket',
      () => attempt(async () => (await client.corpJsapiTicket(), ok('获取成功')), net),
    ],
    [
      'agent-ticket',
      '应用 jsapi_ticket',
      () => attempt(async () => (await client.agentJsapiTicket(), ok('获取成功')), net),
    ],
    ['contact-scope', '客户联系权限与可见范围', () => contactScope(client)],
    ['callback', '回调地址', () => callbackSeen(ctx)],
    ['domain', '可信域名', async () => trustedDomain(ctx.config.publicBaseUrl)],
    ['clock', '服务器时钟', () => clockSkew(ctx)],
  ]
  const out: DoctorCheck[] = []
  for (const [id, label, run] of checks) out.push({ id, label, ...(await run()) })
  return out
}

async function contactScope(client: WecomClient): Promise<Check> {
  return attempt(async () => {
    const members = (await client.getFollowUserList()).follow_user.length
    return members
      ? ok(`可见范围内配置了客户联系的成员 ${members} 人`)
      : warn('没有配置了客户联系的成员', '在「客户联系 → 权限配置」为客户经理开通客户联系，并确认其在应用可见范围内')
  }, HINTS[48002]!)
}

async function callbackSeen(ctx: AppContext): Promise<Check> {
  const last = await lastCallbackReceivedAt(ctx.db.kysely)
  const url = `${ctx.config.publicBaseUrl}/api/wecom/callback`
  if (!last)
    return warn(
      `尚未收到回调（${url}）`,
      '在「客户联系 → API → 接收事件服务器」填写此 URL 与 Token、EncodingAESKey 并保存（企业微信会先发 GET 验证）；再让客户经理加一位测试客户',
    )
  return ok(`最近一次回调 ${last}`)
}

/** WeCom refuses a trusted domain with a port or an IP (80001), and JS-SDK needs https on it. */
export function trustedDomain(publicBaseUrl: string): Check {
  const u = new URL(publicBaseUrl)
  if (u.protocol !== 'https:')
    return fail(`${u.origin} 不是 https`, 'PUBLIC_BASE_URL 须为 https 域名（侧边栏与 JS-SDK 要求）')
  if (u.port) return fail(`${u.host} 带端口`, '可信域名不能带端口：用 443 对外发布，PUBLIC_BASE_URL 去掉端口')
  if (/^[\d.]+$|^\[/.test(u.hostname)) return fail(`${u.hostname} 是 IP`, '可信域名必须是已备案的域名，不能是 IP')
  return ok(
    `请确认「应用管理 → 网页授权及JS-SDK → 可信域名」为 ${u.hostname}，且「工作台应用主页/聊天工具栏」地址以 ${u.origin} 开头`,
  )
}

async function clockSkew(ctx: AppContext): Promise<Check> {
  try {
    const res = await fetch(ctx.config.wecom.apiBase + '/gettoken', {
      method: 'GET',
      signal: AbortSignal.timeout(5000),
    })
    const date = res.headers.get('date')
    if (!date) return warn('企业微信未返回时间', '确认服务器已启用 NTP 时间同步')
    const skew = Math.round((ctx.now().getTime() - Date.parse(date)) / 1000)
    return Math.abs(skew) <= 60
      ? ok(`与企业微信相差 ${skew} 秒`)
      : fail(`与企业微信相差 ${skew} 秒`, '服务器时钟偏差过大：回调会被判为过期、JS-SDK 签名失效；请启用 NTP 时间同步')
  } catch {
    return warn('无法比对时间', '确认服务器已启用 NTP 时间同步')
  }
}
