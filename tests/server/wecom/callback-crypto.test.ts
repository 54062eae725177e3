import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  CallbackCryptoError,
  aesKeyFrom,
  computeMsgSignature,
  decryptForReceiver,
  decryptMessage,
  encryptMessage,
  verifyMsgSignature,
} from '../../../server/features/wecom/callback-crypto.js'
import { SET_A, SET_B } from './vectors.js'

const cases = [
  { name: 'set A URL verification', set: SET_A, v: { ...SET_A.verify, encrypt: SET_A.verify.echostr } },
  { name: 'set A POST message', set: SET_A, v: SET_A.post },
  { name: 'set B URL verification', set: SET_B, v: { ...SET_B.verify, encrypt: SET_B.verify.echostr } },
  { name: 'set B POST message', set: SET_B, v: SET_B.post },
]

describe('callback crypto against the official vectors', () => {
  it('when decoding set A key, then it matches the documented AESKey', () => {
    expect(aesKeyFrom(SET_A.aesKey).toString('hex')).toBe(SET_A.aesKeyHex)
  })

  for (const { name, set, v } of cases) {
    it(`when signing ${name}, then msg_signature matches and verifies`, () => {
      expect(computeMsgSignature(set.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.signature)
      expect(verifyMsgSignature(set.token, v.timestamp, v.nonce, v.encrypt, v.signature)).toBe(true)
      const forged = v.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))
      expect(verifyMsgSignature(set.token, v.timestamp, v.nonce, v.encrypt, forged)).toBe(false)
      expect(verifyMsgSignature(set.token, v.timestamp, v.nonce, v.encrypt, 'short')).toBe(false)
    })

    it(`when decrypting ${name}, then message and receiveid come out`, () => {
      expect(decryptMessage(v.encrypt, set.aesKey)).toEqual({ message: v.plaintext, receiveId: set.corpId })
      expect(decryptForReceiver(v.encrypt, set.aesKey, set.corpId)).toBe(v.plaintext)
    })

    it(`when re-encrypting ${name} with its random prefix, then the base64 is identical`, () => {
      expect(encryptMessage(v.plaintext, set.aesKey, set.corpId, Buffer.from(v.random, 'ascii'))).toBe(v.encrypt)
    })
  }

  it('when encrypting with a random prefix, then it round-trips', () => {
    const xml = '<xml><Event>change_external_contact</Event><Name>张三</Name></xml>'
    const enc = encryptMessage(xml, SET_A.aesKey, SET_A.corpId)
    expect(decryptMessage(enc, SET_A.aesKey)).toEqual({ message: xml, receiveId: SET_A.corpId })
  })
})

describe('callback crypto rejects malformed input', () => {
  const reason = (fn: () => unknown) => {
    try {
      fn()
    } catch (e) {
      expect(e).toBeInstanceOf(CallbackCryptoError)
      return (e as CallbackCryptoError).reason
    }
    throw new Error('expected a CallbackCryptoError')
  }

  it('when the base64 is garbled, then BAD_BASE64', () => {
    expect(reason(() => decryptMessage('not base64 !!', SET_A.aesKey))).toBe('BAD_BASE64')
    expect(reason(() => decryptMessage('', SET_A.aesKey))).toBe('BAD_BASE64')
  })

  it('when the length is not a 32-byte multiple, then BAD_LENGTH', () => {
    expect(reason(() => decryptMessage(Buffer.alloc(48).toString('base64'), SET_A.aesKey))).toBe('BAD_LENGTH')
  })

  it('when decrypted with the wrong key, then it fails with a typed error', () => {
    const r = reason(() => decryptMessage(SET_A.post.encrypt, SET_B.aesKey))
    expect(['BAD_PADDING', 'BAD_LAYOUT']).toContain(r)
  })

  it('when the key is not 43 alphanumerics, then BAD_KEY', () => {
    expect(reason(() => decryptMessage(SET_A.post.encrypt, 'short'))).toBe('BAD_KEY')
  })

  it('when the padding bytes are inconsistent or out of 1..32, then BAD_PADDING', () => {
    const key = aesKeyFrom(SET_A.aesKey)
    const enc = (plain: Buffer) => {
      const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
      c.setAutoPadding(false)
      return Buffer.concat([c.update(plain), c.final()]).toString('base64')
    }
    const body = Buffer.alloc(64, 7)
    body[63] = 0
    expect(reason(() => decryptMessage(enc(body), SET_A.aesKey))).toBe('BAD_PADDING')
    body[63] = 33
    expect(reason(() => decryptMessage(enc(body), SET_A.aesKey))).toBe('BAD_PADDING')
    body[63] = 5
    body[60] = 9
    expect(reason(() => decryptMessage(enc(body), SET_A.aesKey))).toBe('BAD_PADDING')
  })

  it('when msg_len points past the end, then BAD_LAYOUT', () => {
    const key = aesKeyFrom(SET_A.aesKey)
    const plain = Buffer.alloc(32, 0)
    plain.writeUInt32BE(1000, 16)
    plain.fill(8, 24)
    const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
    c.setAutoPadding(false)
    const b64 = Buffer.concat([c.update(plain), c.final()]).toString('base64')
    expect(reason(() => decryptMessage(b64, SET_A.aesKey))).toBe('BAD_LAYOUT')
  })

  it('when the receiveid is another corp, then RECEIVE_ID_MISMATCH', () => {
    expect(reason(() => decryptForReceiver(SET_A.post.encrypt, SET_A.aesKey, 'wwOTHER'))).toBe('RECEIVE_ID_MISMATCH')
  })
})
