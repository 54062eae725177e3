import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { WecomError } from './cgi-kit.js'
import { epochSeconds, type SimulatorOptions } from './sim-options.js'

/** The replies WeCom gives when it refuses a call (facts §5), plus the two ways a connection fails. */
export const FAULTS = {
  rate_limit: { errcode: 45009, errmsg: 'api freq out of limit' },
  concurrency: { errcode: 45033, errmsg: 'api concurrent out of limit' },
  busy: { errcode: -1, errmsg: 'system busy' },
  no_permission: { errcode: 48002, errmsg: 'api forbidden' },
  outside_range: { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' },
  ip_not_trusted: { errcode: 60020, errmsg: 'not allow to access from your ip' },
  network: { errcode: null, errmsg: 'connection reset' },
  timeout: { errcode: null, errmsg: 'no answer' },
} as const
export type FaultKind = keyof typeof FAULTS
export const FAULT_KINDS = Object.keys(FAULTS) as [FaultKind, ...FaultKind[]]

/** An API path below /cgi-bin without the leading slash (`externalcontact/get`), or `*` for every call. */
const ApiKey = z
  .string()
  .trim()
  .regex(/^(\*|[a-z0-9_]+(\/[a-z0-9_]+)*)$/, 'API 路径形如 externalcontact/get，或 * 表示全部')

export const FaultRuleInput = z
  .object({
    api: ApiKey,
    kind: z.enum(FAULT_KINDS),
    /** The next N calls fail; or each call fails with `probability`. */
    count: z.number().int().min(1).max(10_000).optional(),
    probability: z.number().gt(0).max(1).optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.probability === undefined), {
    message: '须给出 count（接下来 N 次）或 probability（概率）之一',
  })
export type FaultRule = z.infer<typeof FaultRuleInput> & { hits: number }

/** How long a `timeout` fault holds the connection before dropping it (the client gives up first). */
const TIMEOUT_HOLD_MS = 30_000

/**
 * The simulator's fault board and its real per-API ceilings. In memory: the simulator is one demo process,
 * and a restart clearing the faults is what a demo wants.
 */
export class FaultBoard {
  private rules = new Map<string, FaultRule>()
  private windows = new Map<string, { start: number; count: number }>()
  private blockedUntil = new Map<string, number>()

  constructor(private readonly random: () => number = Math.random) {}

  set(input: z.infer<typeof FaultRuleInput>): FaultRule {
    const rule = { ...input, hits: 0 }
    this.rules.set(`${input.api}|${input.kind}`, rule)
    return rule
  }

  clear(api?: string): void {
    if (api === undefined) {
      this.rules.clear()
      this.blockedUntil.clear()
      this.windows.clear()
      return
    }
    for (const [key, rule] of this.rules) if (rule.api === api) this.rules.delete(key)
  }

  list(): FaultRule[] {
    return [...this.rules.values()]
  }

  /** The fault this call meets, if any; a counted rule is spent by it. The exact API wins over `*`. */
  take(api: string): FaultKind | undefined {
    for (const rule of [...this.rules.values()].sort((a, b) => Number(a.api === '*') - Number(b.api === '*'))) {
      if (rule.api !== api && rule.api !== '*') continue
      if (rule.count !== undefined) {
        rule.hits++
        if (--rule.count <= 0) this.rules.delete(`${rule.api}|${rule.kind}`)
        return rule.kind
      }
      if (this.random() < (rule.probability ?? 0)) {
        rule.hits++
        return rule.kind
      }
    }
    return undefined
  }

  /** Counts the call against WeCom's ceilings; true when it is over one (45009, and blocked for a while). */
  overLimit(api: string, limits: readonly SimulatorOptions['rateLimits'][number][], now: number): boolean {
    let over = false
    for (const l of limits) {
      if (l.api !== api && l.api !== '*') continue
      const key = `${api}|${l.windowSeconds}|${l.limit}`
      if ((this.blockedUntil.get(key) ?? 0) > now) {
        over = true
        continue
      }
      const start = now - (now % l.windowSeconds)
      const w = this.windows.get(key)
      const current = w && w.start === start ? w : { start, count: 0 }
      current.count++
      this.windows.set(key, current)
      if (current.count > l.limit) {
        this.blockedUntil.set(key, now + l.blockSeconds)
        over = true
      }
    }
    return over
  }
}

/**
 * First in the /cgi-bin stack, so every route (those added later included) meets the faults set on the
 * simulator page and WeCom's call ceilings before its own handler runs.
 */
export function cgiFaults(ctx: AppContext, board: FaultBoard, opts: SimulatorOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const api = req.path.replace(/^\/+|\/+$/g, '')
    const kind = board.take(api)
    if (kind === 'network') {
      req.socket.destroy()
      return
    }
    if (kind === 'timeout') {
      const timer = setTimeout(() => req.socket.destroy(), TIMEOUT_HOLD_MS)
      res.on('close', () => clearTimeout(timer))
      return
    }
    if (kind) {
      const { errcode, errmsg } = FAULTS[kind]
      throw new WecomError(errcode, errmsg)
    }
    if (board.overLimit(api, opts.rateLimits, epochSeconds(ctx.now())))
      throw new WecomError(45009, FAULTS.rate_limit.errmsg)
    next()
  }
}
