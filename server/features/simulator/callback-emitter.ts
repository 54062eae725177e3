import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { AppContext } from '../../lib/context.js'
import { computeMsgSignature, encryptMessage } from '../wecom/index.js'
import { randomId } from './sim-options.js'
import { DEFAULT_SIMULATOR_OPTIONS, epochSeconds, type SimulatorOptions } from './sim-options.js'

export const CONTACT_CHANGE_TYPES = [
  'add_external_contact',
  'add_half_external_contact',
  'edit_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
] as const
export type ContactChangeType = (typeof CONTACT_CHANGE_TYPES)[number]

/** One `change_external_contact` event (facts §4.6); optional fields are left out when absent. */
export interface ContactEvent {
  changeType: ContactChangeType
  userid: string
  externalUserId: string
  state?: string
  welcomeCode?: string
  /** `DELETE_BY_TRANSFER` on del_external_contact caused by a handover */
  source?: string
  /** transfer_fail: `customer_refused` | `customer_limit_exceed` */
  failReason?: string
}

export interface EmitOptions extends Pick<
  SimulatorOptions,
  'callbackTimeoutMs' | 'callbackAttempts' | 'callbackRetryDelayMs'
> {
  /** Defaults to the callback URL set on the simulator, else `${publicBaseUrl}/api/wecom/callback`. */
  url?: string
  callbackUrl?: string
  /** Fixed random prefix / nonce / time, for reproducible ciphertexts in tests. */
  random16?: Buffer
  nonce?: string
  createTime?: number
}

export interface EmitResult {
  delivered: boolean
  attempts: number
  /** HTTP status per attempt, or 'timeout' / 'error' when no answer came. */
  outcomes: (number | 'timeout' | 'error')[]
}

const cdata = (v: string) => `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`

/** `<Tag>value</Tag>` per present field: strings in CDATA, numbers bare (as WeCom writes CreateTime). */
const fieldsXml = (fields: [string, string | number | undefined][]) =>
  fields.map(([tag, v]) => (v === undefined ? '' : `<${tag}>${typeof v === 'number' ? v : cdata(v)}</${tag}>`)).join('')

const eventXml = (corpId: string, event: string, createTime: number, fields: [string, string | number | undefined][]) =>
  `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName>` +
  `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(event)}</Event>` +
  fieldsXml(fields) +
  `</xml>`

/** The inner event XML exactly as WeCom builds it (string values in CDATA). */
export function contactEventXml(corpId: string, e: ContactEvent, createTime: number): string {
  return eventXml(corpId, 'change_external_contact', createTime, [
    ['ChangeType', e.changeType],
    ['UserID', e.userid],
    ['ExternalUserID', e.externalUserId],
    ['State', e.state],
    ['WelcomeCode', e.welcomeCode],
    ['Source', e.source],
    ['FailReason', e.failReason],
  ])
}

export const CHAT_UPDATE_DETAILS = ['add_member', 'del_member', 'change_owner', 'change_name', 'change_notice'] as const

/** `change_external_chat`: a customer group created, changed (UpdateDetail says how) or dismissed. */
export interface ChatEvent {
  kind: 'chat'
  changeType: 'create' | 'update' | 'dismiss'
  chatId: string
  updateDetail?: (typeof CHAT_UPDATE_DETAILS)[number]
  /** add_member: 1 invited, 2 via link, 3 via QR code; del_member: 1 left, 2 removed. */
  joinScene?: number
  quitScene?: number
  memChangeCnt?: number
}

/** `change_external_tag`: a corp tag or tag group created, renamed, deleted, or the whole catalogue reordered. */
export interface TagEvent {
  kind: 'tag'
  changeType: 'create' | 'update' | 'delete' | 'shuffle'
  id: string
  tagType: 'tag' | 'tag_group'
  strategyId?: number
}

export type OtherEvent = ChatEvent | TagEvent

export function otherEventXml(corpId: string, e: OtherEvent, createTime: number): string {
  if (e.kind === 'tag')
    return eventXml(corpId, 'change_external_tag', createTime, [
      ['Id', e.id],
      ['TagType', e.tagType],
      ['ChangeType', e.changeType],
      ['StrategyId', e.strategyId],
    ])
  return eventXml(corpId, 'change_external_chat', createTime, [
    ['ChatId', e.chatId],
    ['ChangeType', e.changeType],
    ['UpdateDetail', e.changeType === 'update' ? (e.updateDetail ?? 'change_name') : undefined],
    ['JoinScene', e.updateDetail === 'add_member' ? (e.joinScene ?? 1) : undefined],
    ['QuitScene', e.updateDetail === 'del_member' ? (e.quitScene ?? 1) : undefined],
    [
      'MemChangeCnt',
      e.updateDetail === 'add_member' || e.updateDetail === 'del_member' ? (e.memChangeCnt ?? 1) : undefined,
    ],
  ])
}

async function deliverOnce(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ outcome: number | 'timeout' | 'error'; text: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    return { outcome: res.status, text: await res.text() }
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
    return { outcome: timedOut ? 'timeout' : 'error', text: '' }
  }
}

const randomNonce = () => String(1_000_000_000 + (randomBytes(4).readUInt32BE(0) % 1_000_000_000))
const callbackTarget = (ctx: AppContext, o: Partial<EmitOptions>) =>
  new URL(o.url ?? o.callbackUrl ?? `${ctx.config.publicBaseUrl}/api/wecom/callback`)

/**
 * Encrypts, signs and POSTs an event to the app's callback URL like WeCom: a delivery counts only as
 * HTTP 200 within the timeout (5 s); otherwise it is sent again, 3 attempts in total, each started
 * `callbackRetryDelayMs` after the previous one started.
 */
async function emitXml(
  ctx: AppContext,
  xml: (createTime: number) => string,
  label: Record<string, string>,
  options: Partial<EmitOptions>,
): Promise<EmitResult> {
  const o = { ...DEFAULT_SIMULATOR_OPTIONS, ...options }
  const { corpId, agentId, callbackToken, callbackAesKey } = ctx.config.wecom
  const createTime = o.createTime ?? epochSeconds(ctx.now())
  const encrypted = encryptMessage(xml(createTime), callbackAesKey, corpId, o.random16 ?? randomBytes(16))
  const timestamp = String(createTime)
  const nonce = o.nonce ?? randomNonce()
  const signature = computeMsgSignature(callbackToken, timestamp, nonce, encrypted)
  const target = callbackTarget(ctx, o)
  target.searchParams.set('msg_signature', signature)
  target.searchParams.set('timestamp', timestamp)
  target.searchParams.set('nonce', nonce)
  const body = `<xml><ToUserName>${cdata(corpId)}</ToUserName><AgentID>${cdata(agentId)}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`

  const outcomes: EmitResult['outcomes'] = []
  for (let attempt = 1; attempt <= o.callbackAttempts; attempt++) {
    const started = Date.now()
    const { outcome } = await deliverOnce(
      target.toString(),
      { method: 'POST', headers: { 'content-type': 'text/xml' }, body },
      o.callbackTimeoutMs,
    )
    outcomes.push(outcome)
    if (outcome === 200) return { delivered: true, attempts: attempt, outcomes }
    if (attempt < o.callbackAttempts) await sleep(Math.max(0, started + o.callbackRetryDelayMs - Date.now()))
  }
  ctx.logger.warn({ ...label, outcomes }, 'simulated WeCom callback not delivered')
  return { delivered: false, attempts: outcomes.length, outcomes }
}

export function emitContactEvent(
  ctx: AppContext,
  event: ContactEvent,
  options: Partial<EmitOptions> = {},
): Promise<EmitResult> {
  return emitXml(
    ctx,
    (t) => contactEventXml(ctx.config.wecom.corpId, event, t),
    { changeType: event.changeType },
    options,
  )
}

export function emitOtherEvent(
  ctx: AppContext,
  event: OtherEvent,
  options: Partial<EmitOptions> = {},
): Promise<EmitResult> {
  const xml = (t: number) => otherEventXml(ctx.config.wecom.corpId, event, t)
  return emitXml(ctx, xml, { event: event.kind, changeType: event.changeType }, options)
}

/** Several events in the same second, sent at once: WeCom's CreateTime alone cannot tell them apart. */
export function emitBurst(
  ctx: AppContext,
  events: OtherEvent[],
  options: Partial<EmitOptions> = {},
): Promise<EmitResult[]> {
  const createTime = options.createTime ?? epochSeconds(ctx.now())
  return Promise.all(events.map((e) => emitOtherEvent(ctx, e, { ...options, createTime })))
}

export interface UrlCheck {
  verified: boolean
  status: number | 'timeout' | 'error'
  /** Why WeCom's admin console would refuse to save the URL. */
  reason?: string
}

/**
 * The GET WeCom sends when the admin saves a callback URL (facts §4.4): a signed, encrypted `echostr`;
 * the URL passes only if it answers 200 within 1 s with exactly the decrypted text.
 */
export async function verifyCallbackUrl(ctx: AppContext, url: string, timeoutMs = 1000): Promise<UrlCheck> {
  const { corpId, callbackToken, callbackAesKey } = ctx.config.wecom
  const plain = randomId('', 19)
  const echostr = encryptMessage(plain, callbackAesKey, corpId, randomBytes(16))
  const timestamp = String(epochSeconds(ctx.now()))
  const nonce = randomNonce()
  const target = new URL(url)
  target.searchParams.set('msg_signature', computeMsgSignature(callbackToken, timestamp, nonce, echostr))
  target.searchParams.set('timestamp', timestamp)
  target.searchParams.set('nonce', nonce)
  target.searchParams.set('echostr', echostr)
  const { outcome, text } = await deliverOnce(target.toString(), { method: 'GET' }, timeoutMs)
  if (outcome !== 200) return { verified: false, status: outcome, reason: `回调地址未在 1 秒内返回 200（${outcome}）` }
  if (text !== plain) return { verified: false, status: outcome, reason: '回调地址返回的内容与解密后的 echostr 不一致' }
  return { verified: true, status: outcome }
}
