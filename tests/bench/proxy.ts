import http from 'node:http'
import type { BenchServer } from './child-process.js'
import { freePort } from './child-process.js'

export interface RoundRobinProxy extends BenchServer {
  /** Requests forwarded to each target, in the order of `targets`. */
  counts: number[]
  resetCounts(): void
}

/**
 * A load balancer of a few lines of node:http: each request goes to the next target in turn, over kept-alive
 * connections, as a bank's round-robin balancer would spread managers over the app instances.
 */
export async function startRoundRobinProxy(targets: BenchServer[]): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const counts = targets.map(() => 0)
  let next = 0
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length
    counts[i]!++
    const target = new URL(targets[i]!.url)
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })
  server.keepAliveTimeout = 30_000
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    pid: process.pid,
    counts,
    resetCounts: () => counts.fill(0),
    get peakRssMb() {
      return Math.max(...targets.map((t) => t.peakRssMb))
    },
    sampleRss: () => targets.forEach((t) => t.sampleRss()),
    async stop() {
      agent.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    },
  }
}
