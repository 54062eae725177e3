import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A URL-safe one-time token with 256 bits of randomness. */
export const newToken = () => randomBytes(32).toString('base64url')

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex')

export const hmacHex = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex')

export function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}
