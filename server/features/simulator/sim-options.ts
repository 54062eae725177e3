import { createHash, randomBytes } from 'node:crypto'

/** Tunables of the simulator; tests shorten lifetimes and delays. */
export interface SimulatorOptions {
  /** access_token lifetime in seconds (WeCom: 7200). */
  tokenTtlSeconds: number
  /** jsapi_ticket / agent ticket lifetime in seconds (WeCom: 7200). */
  ticketTtlSeconds: number
  /** OAuth code lifetime in seconds (WeCom: 300). */
  oauthCodeTtlSeconds: number
  /** Callback delivery: per-attempt timeout, attempts in total, pause between attempts. */
  callbackTimeoutMs: number
  callbackAttempts: number
  callbackRetryDelayMs: number
}

export const DEFAULT_SIMULATOR_OPTIONS: Readonly<SimulatorOptions> = Object.freeze({
  tokenTtlSeconds: 7200,
  ticketTtlSeconds: 7200,
  oauthCodeTtlSeconds: 300,
  callbackTimeoutMs: 5000,
  callbackAttempts: 3,
  callbackRetryDelayMs: 200,
})

export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000)

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random id from WeCom's usual alphabet, e.g. `randomId('wm', 30)` for an external_userid. */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length)
  let out = prefix
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length]
  return out
}

/** Stable pseudo-random integer in [0, 2^32) for a seed string: the simulator's data is reproducible. */
export function stableHash(seed: string): number {
  return createHash('sha1').update(seed).digest().readUInt32BE(0)
}

/** The WeChat openid the simulated corp sees for a person: stable per external_userid. */
export function openidFor(externalUserid: string): string {
  return (
    'o' +
    createHash('sha1')
      .update('openid:' + externalUserid)
      .digest('base64url')
      .slice(0, 27)
  )
}
