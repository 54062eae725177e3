import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import { computeMsgSignature, encryptMessage } from '../../../server/features/wecom/callback-crypto.js'
import { callbackDedupeKey, parseInnerMessage } from '../../../server/features/wecom/callback-xml.js'
import { SET_A } from './vectors.js'

export const RANDOM = Buffer.from('abcdefghijklmnop', 'ascii')

/** A POST exactly as WeCom would send it, signed and encrypted with set A's keys. */
export function delivery(xml: string, opts: { timestamp: number; nonce?: string; receiveId?: string; token?: string }) {
  const encrypted = encryptMessage(xml, SET_A.aesKey, opts.receiveId ?? SET_A.corpId, RANDOM)
  const timestamp = String(opts.timestamp)
  const nonce = opts.nonce ?? '1372623149'
  const signature = computeMsgSignature(opts.token ?? SET_A.token, timestamp, nonce, encrypted)
  return {
    query: `?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${SET_A.corpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  }
}

/** A `change_external_contact` event body. */
export function contactEvent(changeType: string, createTime: number, extra = '') {
  return `<xml><ToUserName><![CDATA[${SET_A.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[wmCUST001]]></ExternalUserID>${extra}</xml>`
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, ms = 3000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > until) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Stores a decrypted event as the receiver would (not yet processed), for tests that drive the processor. */
export async function storeCallback(db: Kysely<Database>, xml: string): Promise<void> {
  const m = parseInnerMessage(xml)!
  await db
    .insertInto('wecom_callbacks')
    .values({
      dedupe_key: callbackDedupeKey(m),
      msg_type: 'event',
      event: m.Event ?? null,
      change_type: m.ChangeType ?? null,
      payload: xml,
      received_at: new Date().toISOString(),
      attempts: 0,
    })
    .execute()
}
