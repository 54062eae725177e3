import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../../server/contracts/common.js'
import { createApp } from '../../../server/app.js'
import { listRoutes, type RouteEntry } from '../../../server/lib/route-table.js'
import { insertBranch, insertCustomer, insertStaff } from '../support/factories.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'
import { HOSTILE_CONSTANTS, hostileBody, hostileString } from './hostile-inputs.js'

// Bounded in `npm test`; `npm run fuzz` raises it.
const RUNS = Number(process.env.FUZZ_RUNS ?? 8)
// A sweep over every route grows with the route table (~100 routes): time enough for a loaded CI machine.
const SWEEP_TIMEOUT_MS = 180_000

function objectKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

describe('fuzzing every API route', () => {
  let t: TestApp
  let routes: RouteEntry[] = []
  const callers: Array<ReturnType<typeof client>> = []
  let phone = ''

  let proxy: SimulatorProxy

  beforeAll(async () => {
    // WeCom (the app's own simulator, through a proxy) is reachable, so routes that call it are fuzzed end to end.
    ;({ t, proxy } = await startTestAppWithWecom())
    const branch = await insertBranch(t.ctx.db.kysely)
    const customer = await insertCustomer(t.ctx.db.kysely, branch.id)
    phone = customer.phone
    callers.push(client(t.baseUrl, { 'x-forwarded-for': '198.18.0.1' }))
    for (const [i, role] of (['front', 'middle', 'supervisor'] as const).entries()) {
      const staff = await insertStaff(t.ctx.db.kysely, branch.id, role)
      const c = client(t.baseUrl, { 'x-forwarded-for': `198.18.0.${i + 2}` })
      await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
      callers.push(c)
    }
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    // Logging out would end the sessions the other calls rely on.
    routes = listRoutes(app).filter((r) => r.path.startsWith('/api/') && r.doc && r.path !== '/api/session/logout')
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })

  /** Calls a route and checks the invariants every answer must keep. */
  async function probe(route: RouteEntry, params: string[], body: string | undefined, who: number) {
    let i = 0
    const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(params[i++ % params.length]!.slice(0, 500)))
    const query = `?q=${encodeURIComponent(params.at(-1)!.slice(0, 500))}&redirect=${encodeURIComponent(params[0]!.slice(0, 200))}`
    const res = await callers[who]!.request(route.method, path + query, route.method === 'GET' ? undefined : body, {
      'content-type': 'application/json',
    })
    const where = `${route.method} ${route.path} → ${res.status}`
    expect(res.status, where).toBeLessThan(500)
    expect(res.text, where).not.toMatch(/\n\s+at .+:\d+:\d+/)
    if (res.status >= 400)
      expect(ErrorEnvelopeSchema.safeParse(res.json).success, `${where} ${res.text.slice(0, 200)}`).toBe(true)
    const schema = route.doc!.responses[res.status]
    if (res.status < 300 && schema && res.json !== undefined)
      expect(schema.safeParse(res.json).success, `${where} breaks its response contract`).toBe(true)
  }

  it(
    'when every known-bad value is put in every field of every route, then every answer keeps the invariants',
    async () => {
      expect(routes.length).toBeGreaterThan(10)
      for (const route of routes) {
        const keys = objectKeys(route.doc!.body)
        for (const bad of HOSTILE_CONSTANTS) {
          const body = JSON.stringify(Object.fromEntries(keys.map((k) => [k, bad])))
          await probe(route, [bad], body, 1 + (HOSTILE_CONSTANTS.indexOf(bad) % (callers.length - 1)))
        }
      }
    },
    SWEEP_TIMEOUT_MS,
  )

  it(
    'when any route gets random hostile input from anyone, then no 5xx, errors in the envelope, successes match the contract',
    async () => {
      expect(routes.length).toBeGreaterThan(10)
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(hostileString, { minLength: 3, maxLength: 3 }),
            hostileBody(objectKeys(route.doc!.body)),
            fc.integer({ min: 0, max: callers.length - 1 }),
            (params, body, who) => probe(route, params, body, who),
          ),
          { numRuns: RUNS },
        )
      }
    },
    SWEEP_TIMEOUT_MS,
  )

  it('when the fuzzing is over, then the database is intact and the logs hold no customer phone or secret', async () => {
    if (t.ctx.db.dialect === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.ctx.db.kysely)
      expect(check.rows[0]!.integrity_check).toBe('ok')
    } else {
      const { rows } = await sql<{ n: number }>`select count(*) as n from customers`.execute(t.ctx.db.kysely)
      expect(Number(rows[0]!.n)).toBe(1)
    }
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(phone)
    expect(logs).not.toContain(t.ctx.config.sessionSecret)
    expect(logs).not.toContain(t.ctx.config.wecom.secret)
  })
})
