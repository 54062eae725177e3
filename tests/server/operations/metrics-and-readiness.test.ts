import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createMetrics } from '../../../server/features/metrics/index.js'
import { registerDbGauges } from '../../../server/features/metrics/db-gauges.js'
import { createTestDb } from '../support/test-db.js'
import { paceCall, WECOM_PACE } from '../../../server/features/wecom/wecom-governor.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

const TOKEN = 'scrape-token-0123456789'
let app: TestApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('GET /metrics (Prometheus)', () => {
  it('when METRICS_TOKEN is unset, then /metrics does not exist (404)', async () => {
    app = await startTestApp()
    const res = await client(app.baseUrl).request('GET', '/metrics')
    expect(res.status).toBe(404)
  })

  it('when the bearer token is missing or wrong, then 401 UNAUTHENTICATED and no figures', async () => {
    app = await startTestApp({ METRICS_TOKEN: TOKEN })
    const http = client(app.baseUrl)
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }]
    for (const headers of attempts) {
      const res = await http.request('GET', '/metrics', undefined, headers)
      expect(res.status).toBe(401)
      expect(res.json.error.code).toBe('UNAUTHENTICATED')
      expect(res.text).not.toContain('advisor_')
    }
  })

  it('when scraped with the token, then request latency is labelled by route pattern, never by the raw id', async () => {
    app = await startTestApp({ METRICS_TOKEN: TOKEN })
    const http = client(app.baseUrl)
    await http.request('GET', '/api/health')
    await http.request('GET', '/api/contacts/wmSecretExternalId0001')
    const res = await http.request('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` })
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/advisor_http_request_duration_seconds_count\{[^}]*route="\/api\/health"[^}]*\} 1/)
    expect(res.text).not.toContain('wmSecretExternalId0001')
  })

  it('when callbacks wait unprocessed, then the backlog gauge counts them and the age gauge shows the oldest', async () => {
    // On the gauges alone: a running app processes stored callbacks at start, racing the insert.
    const testDb = await createTestDb()
    try {
      const now = new Date('2026-12-05T08:00:00Z')
      for (const [key, ageMs] of [
        ['metrics-test-1', 90_000],
        ['metrics-test-2', 30_000],
      ] as const)
        await sql`insert into wecom_callbacks (dedupe_key, msg_type, event, change_type, payload, received_at, attempts)
          values (${key}, 'event', 'change_external_contact', 'add_external_contact', '',
            ${new Date(now.getTime() - ageMs).toISOString()}, 0)`.execute(testDb.db.kysely)
      const metrics = createMetrics()
      registerDbGauges(metrics.registry, testDb.db, () => now)
      const text = await metrics.registry.metrics()
      expect(text).toMatch(/^advisor_callback_backlog 2$/m)
      expect(text).toMatch(/^advisor_callback_oldest_pending_age_seconds 90$/m)
    } finally {
      await testDb.drop()
    }
  })
})

describe('WeCom call budget gauges', () => {
  it('when calls are paced this minute, then per-API and corp-wide counts, budgets and ratios are reported for our corp only', async () => {
    const testDb = await createTestDb()
    try {
      const now = new Date('2026-12-05T08:00:30Z')
      const hooks = { now: () => now, sleep: async () => {}, maxWaitMs: 0, ...WECOM_PACE }
      for (let i = 0; i < 3; i++) await paceCall(testDb.db.kysely, 'wwcorp', '/externalcontact/get', hooks)
      await paceCall(testDb.db.kysely, 'wwcorp', '/user/get', hooks)
      await paceCall(testDb.db.kysely, 'wwother', '/user/get', hooks)
      // A call of the previous minute is spent budget no longer.
      await paceCall(testDb.db.kysely, 'wwcorp', '/user/get', { ...hooks, now: () => new Date('2026-12-05T07:59:59Z') })
      const metrics = createMetrics()
      registerDbGauges(metrics.registry, testDb.db, () => now, 'wwcorp')
      const text = await metrics.registry.metrics()
      expect(text).toMatch(/^advisor_wecom_calls_this_minute\{api="\/externalcontact\/get"\} 3$/m)
      expect(text).toMatch(/^advisor_wecom_calls_this_minute\{api="\/user\/get"\} 1$/m)
      expect(text).toMatch(/^advisor_wecom_calls_this_minute\{api="\*"\} 4$/m)
      expect(text).toMatch(/^advisor_wecom_call_budget_per_minute\{api="\*"\} 12000$/m)
      expect(text).toMatch(/^advisor_wecom_call_budget_per_minute\{api="\/user\/get"\} 6000$/m)
      expect(text).toMatch(/^advisor_wecom_call_budget_used_ratio\{api="\/externalcontact\/get"\} 0\.0005$/m)
      expect(text).not.toContain('wwother')
    } finally {
      await testDb.drop()
    }
  })
})

describe('GET /api/ready (readiness, apart from liveness)', () => {
  it('when the database is reachable and every migration ran, then 200 with the count of migrations', async () => {
    app = await startTestApp()
    const res = await client(app.baseUrl).request('GET', '/api/ready')
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ ready: true, db: app.ctx.db.dialect })
    expect(res.json.migrations).toBeGreaterThanOrEqual(15)
  })

  it('when a migration has not run, then 503 NOT_READY naming it, while /api/health still answers 200', async () => {
    app = await startTestApp()
    await sql`delete from kysely_migration where name = '015-dashboard-rollups'`.execute(app.ctx.db.kysely)
    const http = client(app.baseUrl)
    const ready = await http.request('GET', '/api/ready')
    expect(ready.status).toBe(503)
    expect(ready.json.error.code).toBe('NOT_READY')
    expect(ready.json.error.message).toContain('015-dashboard-rollups')
    expect((await http.request('GET', '/api/health')).status).toBe(200)
  })
})
