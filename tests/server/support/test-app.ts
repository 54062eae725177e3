import type { Server } from 'node:http'
import { Writable } from 'node:stream'
import type { z } from 'zod'
import { createApp } from '../../../server/app.js'
import { stopCallbackProcessing } from '../../../server/features/wecom/index.js'
import { ErrorEnvelopeSchema } from '../../../server/contracts/common.js'
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
      await stopCallbackProcessing(ctx)
      await testDb.drop()
    },
  }
}

/**
 * A JSON body as it came, unchecked. Kept for assertions on odd shapes (hostile input, non-JSON answers); for a
 * route's answer prefer `res.body(Schema)` with the contract schema, which types it and fails on contract drift.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one unchecked door, see above
export type UncheckedJson = any

export interface TestResponse {
  status: number
  headers: Headers
  text: string
  json: UncheckedJson
  /** The body parsed with a contract schema (server/contracts); throws naming the fields that do not match. */
  body<S extends z.ZodType>(schema: S): z.output<S>
  /** The `{ error: { code, message, details } }` envelope of a refused call, parsed. */
  error(): z.output<typeof ErrorEnvelopeSchema>['error']
}

function parseWith<S extends z.ZodType>(schema: S, res: { status: number; text: string; json: unknown }): z.output<S> {
  const parsed = schema.safeParse(res.json)
  if (parsed.success) return parsed.data
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')
  throw new Error(`HTTP ${res.status} body does not match the contract (${fields}): ${res.text.slice(0, 300)}`)
}

/** fetch with a cookie jar of one cookie string, JSON in and out. */
export function client(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  let cookie = ''
  return {
    get cookie() {
      return cookie
    },
    async request(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<TestResponse> {
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
      return readResponse(res)
    },
  }
}

/** Reads a fetch response into a `TestResponse` (for tests that call fetch themselves, e.g. uploads). */
export async function readResponse(res: Response): Promise<TestResponse> {
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  const read = { status: res.status, text, json }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    body: (schema) => parseWith(schema, read),
    error: () => parseWith(ErrorEnvelopeSchema, read).error,
  }
}
