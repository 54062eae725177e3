import { randomBytes } from 'node:crypto'
import type { AppContext } from '../../lib/context.js'
import { computeMsgSignature, encryptMessage } from '../wecom/index.js'
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
  /** Defaults to `${publicBaseUrl}/api/wecom/callback`. */
  url?: string
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

/** The inner event XML exactly as WeCom builds it (string values in CDATA). */
export function contactEventXml(corpId: string, e: ContactEvent, createTime: number): string {
  const optional: [string, string | undefined][] = [
    ['State', e.state],
    ['WelcomeCode', e.welcomeCode],
    ['Source', e.source],
    ['FailReason', e.failReason],
  ]
  return (
    `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
    `<Event>${cdata('change_external_contact')}</Event><ChangeType>${cdata(e.changeType)}</ChangeType>` +
    `<UserID>${cdata(e.userid)}</UserID><ExternalUserID>${cdata(e.externalUserId)}</ExternalUserID>` +
    optional.map(([tag, v]) => (v === undefined ? '' : `<${tag}>${cdata(v)}</${tag}>`)).join('') +
    `</xml>`
  )
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function deliverOnce(url: string, body: string, timeoutMs: number): Promise<number | 'timeout' | 'error'> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    await res.arrayBuffer().catch(() => undefined)
    return res.status
  } catch (err) {
    return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'error'
  }
}

/**
 * Encrypts, signs and POSTs a contact event to the app's callback URL like WeCom: a delivery counts
 * only as HTTP 200 within the timeout (5 s); otherwise it is sent again, 3 attempts in total.
 */
export async function emitContactEvent(
  ctx: AppContext,
  event: ContactEvent,
  options: Partial<EmitOptions> = {},
): Promise<EmitResult> {
  const o = { ...DEFAULT_SIMULATOR_OPTIONS, ...options }
  const { corpId, agentId, callbackToken, callbackAesKey } = ctx.config.wecom
  const createTime = o.createTime ?? epochSeconds(ctx.now())
  const encrypted = encryptMessage(
    contactEventXml(corpId, event, createTime),
    callbackAesKey,
    corpId,
    o.random16 ?? randomBytes(16),
  )
  const timestamp = String(createTime)
  const nonce = o.nonce ?? String(1_000_000_000 + (randomBytes(4).readUInt32BE(0) % 1_000_000_000))
  const signature = computeMsgSignature(callbackToken, timestamp, nonce, encrypted)
  const target = new URL(o.url ?? `${ctx.config.publicBaseUrl}/api/wecom/callback`)
  target.search = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString()
  const body = `<xml><ToUserName>${cdata(corpId)}</ToUserName><AgentID>${cdata(agentId)}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`

  const outcomes: EmitResult['outcomes'] = []
  for (let attempt = 1; attempt <= o.callbackAttempts; attempt++) {
    if (attempt > 1) await sleep(o.callbackRetryDelayMs)
    const outcome = await deliverOnce(target.toString(), body, o.callbackTimeoutMs)
    outcomes.push(outcome)
    if (outcome === 200) return { delivered: true, attempts: attempt, outcomes }
  }
  ctx.logger.warn({ changeType: event.changeType, outcomes }, 'simulated WeCom callback not delivered')
  return { delivered: false, attempts: outcomes.length, outcomes }
}
