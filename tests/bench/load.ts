import autocannon from 'autocannon'
import type { BenchServer } from './child-process.js'

export interface LoadResult {
  rps: number
  p50: number
  p99: number
  requests: number
  /** Non-2xx answers plus connection errors and timeouts. */
  failures: number
}

const WARMUP_SECONDS = 1

export interface NextRequest {
  path: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/**
 * One autocannon run over loopback, bounded by `seconds`; `next` picks each request (random contacts,
 * rotating managers…). `rate` caps the total requests per second for latency-at-a-given-load figures.
 */
export async function load(
  server: BenchServer,
  opts: { seconds: number; connections: number; rate?: number; next: () => NextRequest },
): Promise<LoadResult> {
  const sampler = setInterval(() => server.sampleRss(), 250)
  try {
    const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
      url: server.url,
      // At a fixed rate each connection fires its share on its own timer, so ten connections at 10 req/s
      // each arrive as bursts of ten: one connection per 50 req/s spreads the arrivals as users would.
      connections: opts.rate ? Math.min(opts.connections, Math.ceil(opts.rate / 50)) : opts.connections,
      duration: opts.seconds,
      timeout: 10,
      ...(opts.rate ? { overallRate: opts.rate } : {}),
      // Not sampled: JIT, caches and connections settle first, as on a server that has been up a while.
      warmup: { connections: opts.connections, duration: WARMUP_SECONDS },
      requests: [
        {
          setupRequest: (req) => {
            const n = opts.next()
            return { ...req, method: n.method ?? 'GET', path: n.path, headers: { ...n.headers }, body: n.body }
          },
        },
      ],
    }
    // autocannon 8+ supports `warmup`; its type definitions do not list it yet.
    const result = await autocannon(options)
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      failures: result.non2xx + result.errors + result.timeouts,
    }
  } finally {
    clearInterval(sampler)
  }
}

/** Sequential requests for slow reports (p50/p95, which autocannon does not give), bounded by time and count. */
export async function sequential(
  server: BenchServer,
  opts: { seconds: number; maxRequests: number; next: () => NextRequest },
): Promise<{ p50: number; p95: number; requests: number; failures: number }> {
  const times: number[] = []
  let failures = 0
  const until = performance.now() + opts.seconds * 1000
  while (times.length < opts.maxRequests && (times.length < 3 || performance.now() < until)) {
    const n = opts.next()
    const started = performance.now()
    const res = await fetch(server.url + n.path, { headers: n.headers })
    await res.arrayBuffer()
    times.push(performance.now() - started)
    if (!res.ok) failures++
    server.sampleRss()
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!
  return { p50: at(0.5), p95: at(0.95), requests: times.length, failures }
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!
