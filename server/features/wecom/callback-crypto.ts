import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Raised for any callback payload that cannot be verified or decrypted. */
export class CallbackCryptoError extends Error {
  constructor(
    readonly reason:
      'BAD_KEY' | 'BAD_BASE64' | 'BAD_LENGTH' | 'BAD_PADDING' | 'BAD_LAYOUT' | 'DECRYPT_FAILED' | 'RECEIVE_ID_MISMATCH',
    message: string,
  ) {
    super(message)
    this.name = 'CallbackCryptoError'
  }
}

// WeCom pads to 32-byte blocks, not AES's 16 (facts §4.3): Node's own padding would reject real messages.
const PAD_BLOCK = 32
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** `msg_signature` = sha1 hex of the four strings sorted by code unit and joined (facts §4.2). */
export function computeMsgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  const joined = [token, timestamp, nonce, encrypted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('')
  return createHash('sha1').update(joined, 'utf8').digest('hex')
}

/** Constant-time check of a received `msg_signature`. */
export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
  signature: string,
): boolean {
  const expected = Buffer.from(computeMsgSignature(token, timestamp, nonce, encrypted), 'utf8')
  const given = Buffer.from(signature.toLowerCase(), 'utf8')
  if (given.length !== expected.length) return false
  return timingSafeEqual(expected, given)
}

/** AESKey = base64(EncodingAESKey + '='), exactly 32 bytes. */
export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
    throw new CallbackCryptoError('BAD_KEY', 'EncodingAESKey must be 43 characters of [A-Za-z0-9]')
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (key.length !== 32) throw new CallbackCryptoError('BAD_KEY', 'EncodingAESKey does not decode to 32 bytes')
  return key
}

/** Encrypts `random16 ‖ msg_len(BE) ‖ msg ‖ receiveId` with AES-256-CBC; returns base64. */
export function encryptMessage(
  plaintext: string,
  encodingAesKey: string,
  receiveId: string,
  random16: Buffer = randomBytes(16),
): string {
  if (random16.length !== 16) throw new CallbackCryptoError('BAD_LAYOUT', 'random prefix must be 16 bytes')
  const key = aesKeyFrom(encodingAesKey)
  const msg = Buffer.from(plaintext, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(msg.length, 0)
  const body = Buffer.concat([random16, len, msg, Buffer.from(receiveId, 'utf8')])
  const pad = PAD_BLOCK - (body.length % PAD_BLOCK)
  const padded = Buffer.concat([body, Buffer.alloc(pad, pad)])
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64')
}

/** Decrypts a callback payload; throws `CallbackCryptoError` on anything malformed. */
export function decryptMessage(
  encryptedBase64: string,
  encodingAesKey: string,
): { message: string; receiveId: string } {
  const key = aesKeyFrom(encodingAesKey)
  const compact = encryptedBase64.trim()
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    throw new CallbackCryptoError('BAD_BASE64', 'ciphertext is not valid base64')
  }
  const data = Buffer.from(compact, 'base64')
  if (data.length === 0 || data.length % PAD_BLOCK !== 0) {
    throw new CallbackCryptoError('BAD_LENGTH', 'ciphertext length is not a multiple of 32 bytes')
  }
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    decipher.setAutoPadding(false)
    plain = Buffer.concat([decipher.update(data), decipher.final()])
  } catch {
    throw new CallbackCryptoError('DECRYPT_FAILED', 'ciphertext could not be decrypted')
  }
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
    throw new CallbackCryptoError('BAD_PADDING', 'invalid padding')
  }
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new CallbackCryptoError('BAD_PADDING', 'invalid padding')
  }
  const content = plain.subarray(0, plain.length - pad)
  if (content.length < 20) throw new CallbackCryptoError('BAD_LAYOUT', 'plaintext too short')
  const msgLen = content.readUInt32BE(16)
  if (20 + msgLen > content.length) throw new CallbackCryptoError('BAD_LAYOUT', 'message length out of range')
  return {
    message: content.subarray(20, 20 + msgLen).toString('utf8'),
    receiveId: content.subarray(20 + msgLen).toString('utf8'),
  }
}

/** Decrypts and checks the receiveid (our corpid); a mismatch is a forged or misrouted payload. */
export function decryptForReceiver(encryptedBase64: string, encodingAesKey: string, expectedReceiveId: string): string {
  const { message, receiveId } = decryptMessage(encryptedBase64, encodingAesKey)
  if (receiveId !== expectedReceiveId) throw new CallbackCryptoError('RECEIVE_ID_MISMATCH', 'receiveid mismatch')
  return message
}
