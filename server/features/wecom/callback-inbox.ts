import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { CallbackCryptoError, decryptForReceiver, verifyMsgSignature } from './callback-crypto.js'
import { callbackDedupeKey, parseInnerMessage, parseOuterEncrypt } from './callback-xml.js'
import { insertCallback } from './callback.repository.js'
import type { ErrorCode } from '../../contracts/errors.js'

const MAX_SKEW_SEC = 10 * 60

export const SignedQuery = z.object({
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
})
export const VerifyQuery = SignedQuery.extend({ echostr: z.string().min(1).max(4096) })

const reject = (code: ErrorCode, message: string, status = 400) => new AppError(code, status, message)

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (!parsed.success) throw reject('CALLBACK_BAD_REQUEST', '回调参数不完整')
  return parsed.data
}

/** Signature (constant time), then clock skew, then decryption with the receiveid check. */
function openEnvelope(ctx: AppContext, q: z.infer<typeof SignedQuery>, encrypted: string): string {
  const { callbackToken, callbackAesKey, corpId } = ctx.config.wecom
  if (!verifyMsgSignature(callbackToken, q.timestamp, q.nonce, encrypted, q.msg_signature)) {
    throw reject('CALLBACK_SIGNATURE_INVALID', '回调签名校验失败', 403)
  }
  if (Math.abs(ctx.now().getTime() / 1000 - Number(q.timestamp)) > MAX_SKEW_SEC) {
    throw reject('CALLBACK_STALE', '回调时间戳已过期')
  }
  try {
    return decryptForReceiver(encrypted, callbackAesKey, corpId)
  } catch (err) {
    if (err instanceof CallbackCryptoError && err.reason === 'RECEIVE_ID_MISMATCH') {
      throw reject('CALLBACK_RECEIVER_MISMATCH', '回调不属于本企业')
    }
    throw reject('CALLBACK_DECRYPT_FAILED', '回调内容无法解密')
  }
}

/** URL verification (facts §4.4): the decrypted echostr, to be answered verbatim. */
export function verifyCallbackUrl(ctx: AppContext, query: unknown): string {
  const q = parseQuery(VerifyQuery, query)
  // Base64 has no spaces: a space here is a `+` that reached us unencoded.
  return openEnvelope(ctx, q, q.echostr.replace(/ /g, '+'))
}

/** Verifies, decrypts and stores one delivery; `stored` is false for a duplicate. Nothing is written on rejection. */
export async function receiveCallback(ctx: AppContext, query: unknown, body: unknown): Promise<{ stored: boolean }> {
  const q = parseQuery(SignedQuery, query)
  const encrypted = typeof body === 'string' ? parseOuterEncrypt(body) : undefined
  if (!encrypted) throw reject('CALLBACK_BAD_REQUEST', '回调报文格式不正确')
  const xml = openEnvelope(ctx, q, encrypted)
  const message = parseInnerMessage(xml)
  if (!message) throw reject('CALLBACK_BAD_REQUEST', '回调消息格式不正确')
  const stored = await insertCallback(ctx.db.kysely, {
    dedupe_key: callbackDedupeKey(message),
    msg_type: message.MsgType,
    event: message.Event ?? null,
    change_type: message.ChangeType ?? null,
    payload: xml,
    received_at: ctx.now().toISOString(),
  })
  return { stored }
}
