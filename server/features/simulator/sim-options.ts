import { createHash, randomBytes } from 'node:crypto'

/** Tunables of the simulator; tests shorten lifetimes and delays. */
export interface SimulatorOptions {
  /** access_token lifetime in seconds (WeCom: 7200). */
  tokenTtlSeconds: number
  /** jsapi_ticket / agent ticket lifetime in seconds (WeCom: 7200). */
  ticketTtlSeconds: number
  /** OAuth code lifetime in seconds (WeCom: 300). */
  oauthCodeTtlSeconds: number
  /**
   * Callback delivery like WeCom (facts §4.5): no answer within 5 s drops the connection, 3 attempts in
   * total, each started `callbackRetryDelayMs` after the previous one started (tests shorten all three).
   */
  callbackTimeoutMs: number
  callbackAttempts: number
  callbackRetryDelayMs: number
  /** A JS-SDK signature whose timestamp is further than this from now is refused (40093). */
  signatureMaxAgeSeconds: number
  /** A moments job answers "in progress" to this many polls and until this many seconds passed. */
  momentPollsInProgress: number
  momentJobSeconds: number
  /** Per-API call ceilings without any fault set (facts §6); tests lower them. */
  rateLimits: readonly RateLimit[]
  /**
   * The app's trusted domain (可信域名) as the admin entered it; unset: PUBLIC_BASE_URL's host (a loopback demo
   * may keep its port). With a port or an IP, OAuth and JS-SDK fail with 80001 as in WeCom.
   */
  trustedDomain?: string
  /** The callback URL saved on the simulator page after its verification GET passed. */
  callbackUrl?: string
}

/** At most `limit` calls per `windowSeconds` to `api` (`*`: each API on its own); then 45009 for `blockSeconds`. */
export interface RateLimit {
  api: string
  limit: number
  windowSeconds: number
  blockSeconds: number
}

/** WeCom's published ceilings (facts §2.5, §6). */
export const WECOM_RATE_LIMITS: readonly RateLimit[] = Object.freeze([
  { api: '*', limit: 10_000, windowSeconds: 60, blockSeconds: 60 },
  { api: '*', limit: 150_000, windowSeconds: 3600, blockSeconds: 3600 },
  { api: 'get_jsapi_ticket', limit: 100, windowSeconds: 3600, blockSeconds: 3600 },
  { api: 'ticket/get', limit: 100, windowSeconds: 3600, blockSeconds: 3600 },
  { api: 'externalcontact/add_moment_task', limit: 10, windowSeconds: 60, blockSeconds: 60 },
  { api: 'media/uploadimg', limit: 1000, windowSeconds: 86_400, blockSeconds: 86_400 },
])

export const DEFAULT_SIMULATOR_OPTIONS: Readonly<SimulatorOptions> = Object.freeze({
  tokenTtlSeconds: 7200,
  ticketTtlSeconds: 7200,
  oauthCodeTtlSeconds: 300,
  callbackTimeoutMs: 5000,
  callbackAttempts: 3,
  callbackRetryDelayMs: 5000,
  signatureMaxAgeSeconds: 1800,
  momentPollsInProgress: 1,
  momentJobSeconds: 3,
  rateLimits: WECOM_RATE_LIMITS,
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
