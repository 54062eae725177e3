import { computeMsgSignature, encryptMessage } from '../../../server/features/wecom/callback-crypto.js'
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
