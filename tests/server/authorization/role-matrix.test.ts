import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.js'
import { listRoutes, type RouteEntry } from '../../../server/lib/route-table.js'
import type { StaffRole } from '../../../server/features/org/org.table.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { tableCounts } from '../support/table-counts.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

const ROLES = ['front', 'middle', 'supervisor', 'admin'] as const satisfies readonly StaffRole[]
// Every staff role is in the matrix: a new role fails the type check until it is added above.
const _everyRoleListed: [Exclude<StaffRole, (typeof ROLES)[number]>] extends [never] ? true : false = true

/** A concrete URL for a route pattern: role checks run before parameters are validated. */
const urlFor = (r: RouteEntry) =>
  r.path.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'id' ? '00000000-0000-4000-8000-000000000000' : `wmMatrix${name}0001`,
  )

describe('authorization matrix', () => {
  let t: TestApp
  const sessions = new Map<StaffRole, ReturnType<typeof client>>()
  let guarded: RouteEntry[] = []

  beforeAll(async () => {
    t = await startTestApp()
    const branch = await insertBranch(t.ctx.db.kysely)
    for (const role of ROLES) {
      const staff = await insertStaff(t.ctx.db.kysely, branch.id, role)
      const c = client(t.baseUrl, { 'x-forwarded-for': `192.0.2.${ROLES.indexOf(role) + 1}` })
      const login = await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
      expect([role, login.status, login.json?.role]).toEqual([role, 200, role])
      sessions.set(role, c)
    }
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    guarded = listRoutes(app).filter((r) => r.path.startsWith('/api/') && r.policy && r.policy.roles !== 'anyone')
  })
  afterAll(async () => {
    await t.close()
  })

  it('when anyone calls a guarded route without a session, then 401 and nothing is written', async () => {
    expect(guarded.length).toBeGreaterThan(3)
    const before = await tableCounts(t.ctx.db, ['audit_log'])
    for (const r of guarded) {
      const res = await client(t.baseUrl).request(r.method, urlFor(r), r.method === 'GET' ? undefined : {})
      expect(res.status, `${r.method} ${r.path}`).toBe(401)
      expect(res.json.error.code).toBe('UNAUTHENTICATED')
    }
    expect(await tableCounts(t.ctx.db, ['audit_log'])).toEqual(before)
  })

  it("when a role outside a route's policy calls it, then 403 and nothing is written", async () => {
    const before = await tableCounts(t.ctx.db, ['audit_log'])
    let checked = 0
    for (const r of guarded) {
      for (const role of ROLES) {
        if ((r.policy!.roles as readonly string[]).includes(role)) continue
        const res = await sessions.get(role)!.request(r.method, urlFor(r), r.method === 'GET' ? undefined : {})
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403)
        expect(res.json.error.code).toBe('FORBIDDEN')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(0)
    expect(await tableCounts(t.ctx.db, ['audit_log'])).toEqual(before)
  })
})
