import type { z } from 'zod'
import { WecomTransportError, toWecomError } from './wecom-errors.js'

export type FetchImpl = typeof fetch

export interface TransportOptions {
  /** Prefix up to and including `/cgi-bin`. */
  apiBase: string
  fetchImpl: FetchImpl
  /** Ceiling of the delay before the n-th retry (0-based) of a busy, rate-limited or failed call. */
  busyBackoffMs: (attempt: number) => number
  timeoutMs: number
  /** Injectable for tests: no wall time in the retry loop. */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Waits for a pacing slot before each attempt (the governor). */
  pace?: (api: string) => Promise<void>
}

export interface CallSpec<S extends z.ZodType> {
  method: 'GET' | 'POST'
  /** Path below apiBase, e.g. `/externalcontact/get`. Also the only thing errors name. */
  path: string
  query?: Record<string, string | number | undefined>
  json?: unknown
  form?: () => FormData
  schema: S
}

/** A token source the transport can ask again when WeCom says the token is bad. */
export interface TokenSource {
  get(): Promise<string>
  refresh(stale: string): Promise<string>
}

const MAX_BUSY_RETRIES = 3
const TOKEN_ERRORS = new Set([40014, 42001])
/** Busy, frequency limit, too many concurrent calls: WeCom refused the call, so sending it again is safe. */
const RETRYABLE = new Set([-1, 45009, 45033])
/** 45009 blocks for a minute: a longer first wait than a plain busy reply. */
const RATE_LIMIT_FACTOR = 2
/** Calls that create something: a lost reply may mean it was created, so a network failure is not retried. */
const NOT_IDEMPOTENT = new Set([
  '/externalcontact/add_msg_template',
  '/externalcontact/add_moment_task',
  '/externalcontact/send_welcome_msg',
  '/media/upload',
])
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Sends one qyapi call: access_token in the query (facts §2), refresh-and-retry once on 40014/42001,
 * up to 3 retries with jittered exponential backoff on -1 / 45009 / 45033 and network failures (of
 * calls safe to repeat), then the last error thrown as it is; every other errcode thrown as a typed error.
 */
export async function callQyapi<S extends z.ZodType>(
  opts: TransportOptions,
  spec: CallSpec<S>,
  tokens?: TokenSource,
): Promise<z.infer<S>> {
  let token = tokens ? await tokens.get() : undefined
  let refreshed = false
  const sleep = opts.sleep ?? defaultSleep
  const random = opts.random ?? Math.random
  const backoff = (n: number, factor: number) => sleep(opts.busyBackoffMs(n) * factor * (1 + random() / 2))
  for (let busy = 0; ;) {
    if (opts.pace) await opts.pace(spec.path)
    let reply: Record<string, unknown>
    try {
      reply = await send(opts, spec, token)
    } catch (err) {
      if (busy >= MAX_BUSY_RETRIES || NOT_IDEMPOTENT.has(spec.path)) throw err
      await backoff(busy++, 1)
      continue
    }
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : Number(reply.errcode ?? 0)
    if (errcode === 0) {
      const parsed = spec.schema.safeParse(reply)
      if (!parsed.success) throw new WecomTransportError('unexpected reply shape', spec.path)
      return parsed.data
    }
    if (tokens && token && TOKEN_ERRORS.has(errcode) && !refreshed) {
      refreshed = true
      token = await tokens.refresh(token)
      continue
    }
    if (RETRYABLE.has(errcode) && busy < MAX_BUSY_RETRIES) {
      await backoff(busy++, errcode === 45009 ? RATE_LIMIT_FACTOR : 1)
      continue
    }
    throw toWecomError(errcode, typeof reply.errmsg === 'string' ? reply.errmsg : '', spec.path)
  }
}

async function send(
  opts: TransportOptions,
  spec: CallSpec<z.ZodType>,
  token: string | undefined,
): Promise<Record<string, unknown>> {
  const url = new URL(opts.apiBase + spec.path)
  if (token) url.searchParams.set('access_token', token)
  for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
  const init: RequestInit = { method: spec.method, signal: AbortSignal.timeout(opts.timeoutMs) }
  if (spec.form) init.body = spec.form()
  else if (spec.json !== undefined) {
    init.body = JSON.stringify(spec.json)
    init.headers = { 'content-type': 'application/json' }
  }
  let res: Response
  try {
    res = await opts.fetchImpl(url, init)
  } catch {
    // The URL holds the token: report the path only.
    throw new WecomTransportError('request failed', spec.path)
  }
  if (!res.ok) throw new WecomTransportError(`HTTP ${res.status}`, spec.path)
  try {
    const body: unknown = await res.json()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    /* fall through */
  }
  throw new WecomTransportError('reply is not a JSON object', spec.path)
}
