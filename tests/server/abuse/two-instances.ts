import type { Server } from 'node:http'
import { expect } from 'vitest'
import { createApp } from '../../../server/app.js'
import { openDb, type Db } from '../../../server/db/connect.js'
import { startSimulatorProxy } from '../support/simulator-proxy.js'
import { client, startTestApp, type TestApp, type UncheckedJson } from '../support/test-app.js'

export interface Pair {
  a: TestApp
  /** Base URLs of the two instances, in the order requests alternate between them. */
  urls: [string, string]
  /** Moves both instances' clocks. */
  setNow(date: Date): void
  close(): Promise<void>
}

/**
 * Two API instances on one database, as in production behind a load balancer: instance B opens its
 * own connection (pool, or SQLite handle in WAL mode) to the database instance A was created with.
 * WeCom is the app's own simulator behind a proxy, so public routes that call it work.
 */
export async function startPair(): Promise<Pair> {
  const proxy = await startSimulatorProxy()
  const a = await startTestApp({ WECOM_API_BASE: proxy.base })
  proxy.state.target = a.baseUrl
  const db: Db = await openDb(a.testDb.url)
  let now: Date | undefined
  const { app } = createApp(a.ctx.config, { db, logger: a.ctx.logger, now: () => now ?? new Date() })
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    a,
    urls: [a.baseUrl, `http://127.0.0.1:${port}`],
    setNow: (d) => {
      now = d
      a.setNow(d)
    },
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      await db.close()
      await a.close()
      await proxy.close()
    },
  }
}

/** Window-aligned instants (every limit's window divides a day), so each case starts with fresh windows. */
export const dayStart = (n: number) => new Date(Date.UTC(2031, 0, 1 + n))

/** A caller from one IP address on instance 0 or 1. */
export const from = (pair: Pair, instance: number, ip: string) =>
  client(pair.urls[instance % 2]!, { 'x-forwarded-for': ip })

/** Asserts an answer is the documented 429: stable code and a Retry-After header. */
export function expectLimited(
  res: { status: number; headers: Headers; json: UncheckedJson },
  code = 'RATE_LIMITED',
  where = '',
) {
  expect(res.status, where).toBe(429)
  expect(res.json?.error?.code, where).toBe(code)
  if (code === 'RATE_LIMITED') expect(Number(res.headers.get('retry-after')), where).toBeGreaterThan(0)
}
