import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'
import type { Config } from '../config.js'

/** The customer fields kept encrypted at rest. */
export type PiiField = 'phone' | 'id_no'

/** Encrypts, decrypts and hashes customer phone and ID numbers with the configured keys. */
export interface Pii {
  /** Key id new ciphertexts are written with. */
  readonly activeKeyId: string
  /** AES-256-GCM under the active key; `owner` (the CIF number) is bound in as associated data. */
  encrypt(field: PiiField, owner: string, plain: string): string
  decrypt(field: PiiField, owner: string, keyId: string, sealed: string): string
  /** Keyed hash of the normalised value, for equality matching; null when the value cannot be normalised. */
  hash(field: PiiField, value: string): string | null
  /** Keyed fingerprint of any text (change detection of imported records that contain PII). */
  fingerprint(text: string): string
}

/** 138 1234 5678, +86-13812345678, 008613812345678 → 13812345678; null if not a mainland mobile. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s()-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null
}

/** Trimmed, upper-cased document number of 6–32 letters or digits (mainland ID cards end in X). */
export function normalizeIdNo(raw: string): string | null {
  const value = raw.replace(/\s/g, '').toUpperCase()
  return /^[0-9A-Z]{6,32}$/.test(value) ? value : null
}

const NORMALIZE: Record<PiiField, (raw: string) => string | null> = { phone: normalizePhone, id_no: normalizeIdNo }

interface KeyMaterial {
  key: Buffer
  /** Derives nonces: the IV is a keyed hash of the input, so equal input under one key gives equal output. */
  nonceKey: Buffer
}

const hmac = (key: Buffer | string, ...parts: string[]) =>
  createHmac('sha256', key).update(parts.join('\u0000')).digest()

export function createPii(settings: Config['pii']): Pii {
  const keys = new Map<string, KeyMaterial>()
  for (const { id, key } of settings.keys) {
    const raw = Buffer.from(key, 'base64')
    if (raw.length !== 32) throw new Error(`PII key ${id} is not 32 bytes`)
    keys.set(id, { key: raw, nonceKey: hmac(raw, 'advisor-desk/pii-nonce') })
  }
  const activeKeyId = settings.keys[0]!.id
  const material = (id: string) => {
    const k = keys.get(id)
    if (!k) throw new Error(`PII key ${id} is not configured`)
    return k
  }
  return {
    activeKeyId,
    encrypt(field, owner, plain) {
      const { key, nonceKey } = material(activeKeyId)
      const aad = `${field}:${owner}`
      // Synthetic IV (as in AES-GCM-SIV): deterministic output keeps seeds reproducible and
      // re-imports byte-identical; distinct inputs collide no more often than random 96-bit IVs.
      const iv = hmac(nonceKey, aad, plain).subarray(0, 12)
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
    },
    decrypt(field, owner, keyId, sealed) {
      const raw = Buffer.from(sealed, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', material(keyId).key, raw.subarray(0, 12)).setAAD(
        Buffer.from(`${field}:${owner}`),
      )
      decipher.setAuthTag(raw.subarray(raw.length - 16))
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8')
    },
    hash(field, value) {
      const normalized = NORMALIZE[field](value)
      return normalized === null ? null : hmac(settings.hashKey, field, normalized).toString('hex')
    },
    fingerprint(text) {
      return hmac(settings.hashKey, 'fingerprint', text).toString('hex').slice(0, 32)
    },
  }
}

const cache = new WeakMap<Config['pii'], Pii>()

/** The Pii of a loaded configuration, built once. */
export function piiOf(config: Pick<Config, 'pii'>): Pii {
  let pii = cache.get(config.pii)
  if (!pii) cache.set(config.pii, (pii = createPii(config.pii)))
  return pii
}
