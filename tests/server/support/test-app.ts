import type { Server } from 'node:http'
import { Writable } from 'node:stream'
import { createApp } from '../../../server/app.js'
import { loadConfig, type Config } from '../../../server/config.js'
import type { AppContext } from '../../../server/lib/context.js'
import { createLogger } from '../../../server/lib/logger.js'
import { createTestDb, type TestDb } from './test-db.js'

export interface TestApp {
  baseUrl: string
  ctx: AppContext
  testDb: TestDb
  /** Every log line the app wrote, for "no PII in logs" assertions. */
  logs: string[]
  /** Moves the app's clock (`undefined`: back to the real time). */
  setNow(date: Date | undefined): void
  close(): Promise<void>
}

/** Starts the real app in-process on a random port against a fresh database. */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { distDir?: string } = {},
): Promise<TestApp> {
  const testDb = await createTestDb()
  const logs: string[] = []
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk))
      cb()
    },
  })
  const logger = createLogger('info', sink)
  let now: Date | undefined
  const config: Readonly<Config> = loadConfig({ DEMO: '1', PORT: '0', DATABASE_URL: testDb.url, ...env })
  const { app, ctx } = createApp(config, { db: testDb.db, logger, now: () => now ?? new Date(), distDir: opts.distDir })
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    testDb,
    logs,
    setNow: (d) => {
      now = d
    },
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      await testDb.drop()
    },
  }
}

/** fetch with a cookie jar of one cookie string, JSON in and out. */
export function client(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  let cookie = ''
  return {
    get cookie() {
      return cookie
    },
    async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        redirect: 'manual',
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          'x-advisor-request': '1',
          ...(cookie ? { cookie } : {}),
          ...defaultHeaders,
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const setCookie = res.headers.get('set-cookie')
      if (setCookie) cookie = setCookie.split(';')[0]!
      const text = await res.text()
      let json: any
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: res.status, headers: res.headers, text, json }
    },
  }
}
