import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.js'
import { listRoutes, type RouteEntry } from '../../../server/lib/route-table.js'
import { insertContact } from '../support/factories.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'
import { PERSON, privacyWorld, signIn } from './privacy-world.js'

const keysOf = (schema: unknown) =>
  Object.keys((schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {})
/** The seeded PII in whichever field could plausibly carry it. */
const piiFor = (key: string, i: number) =>
  /name/i.test(key)
    ? PERSON.name
    : /phone|mobile|q$|query|search/i.test(key)
      ? PERSON.phone
      : [PERSON.phone, PERSON.id_no, PERSON.name][i % 3]!

describe('no customer PII in the logs, whatever route is called with it', () => {
  let t: TestApp
  let proxy: SimulatorProxy
  let routes: RouteEntry[] = []
  const callers: Array<[string, ReturnType<typeof client>]> = []
  let calls = 0

  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
    const w = await privacyWorld(t)
    callers.push(['anonymous', client(t.baseUrl, { 'x-forwarded-for': '192.0.2.50' })])
    for (const [role, who] of [
      ['front', w.alice],
      ['middle', w.middle],
      ['supervisor', w.boss],
      ['admin', w.admin],
    ] as const) {
      callers.push([role, await signIn(t, who.wecom_userid, `192.0.2.${51 + callers.length}`)])
    }
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    routes = listRoutes(app).filter((r) => r.doc && (r.path.startsWith('/api/') || r.path.startsWith('/auth/')))
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })

  async function call(c: ReturnType<typeof client>, route: RouteEntry) {
    let i = 0
    const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(piiFor('', i++)))
    const query = [...new Set(['q', 'name', 'phone', 'idNo', ...keysOf(route.doc!.query)])]
      .map((k, j) => `${k}=${encodeURIComponent(piiFor(k, j))}`)
      .join('&')
    const body = Object.fromEntries(
      [...new Set(['name', 'phone', 'idNo', ...keysOf(route.doc!.body)])].map((k, j) => [k, piiFor(k, j)]),
    )
    await c.request(route.method, `${path}?${query}`, route.method === 'GET' ? undefined : body)
    calls++
  }

  it('when every documented route is called by every role with the PII in path, query and body, then no phone, ID number or name is logged', async () => {
    // Logging out last, or it would end the sessions the other calls rely on.
    const ordered = [
      ...routes.filter((r) => r.path !== '/api/session/logout'),
      ...routes.filter((r) => r.path === '/api/session/logout'),
    ]
    for (const [, c] of callers) for (const route of ordered) await call(c, route)
    expect(routes.length).toBeGreaterThan(50)
    expect(calls).toBe(routes.length * callers.length)
    const logs = t.logs.join('\n')
    expect(logs.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(calls)
    for (const value of [PERSON.phone, PERSON.id_no, PERSON.name]) expect(logs, value).not.toContain(value)
  })

  it('when a customer verifies with the PII (a wrong code, then the right one, bound) and the manager opens the profile, then the logs hold none of it', async () => {
    const owner = await t.ctx.db.kysely.selectFrom('wecom_contacts').select('staff_userid').executeTakeFirstOrThrow()
    // An unbound contact of the same manager, so a new link can be issued.
    const contact = await insertContact(t.ctx.db.kysely, owner.staff_userid, { name: PERSON.name })
    const manager = await signIn(t, contact.staff_userid, '192.0.2.80')
    const created = await manager.request('POST', '/api/verifications', { externalUserId: contact.external_userid })
    expect(created.status).toBe(201)
    const token = new URL(created.json.url).pathname.split('/').pop()!
    const customer = client(t.baseUrl, { 'x-forwarded-for': '192.0.2.81' })
    expect((await customer.request('GET', `/api/public/verifications/${token}`)).status).toBe(200)
    expect(
      (
        await customer.request('POST', `/api/public/verifications/${token}/sms`, {
          name: PERSON.name,
          phone: PERSON.phone,
          consent: true,
        })
      ).status,
    ).toBe(202)
    const wrong = await customer.request('POST', `/api/public/verifications/${token}/confirm`, { code: '000000' })
    expect(wrong.status).toBeGreaterThanOrEqual(400)
    const sms = await t.ctx.db.kysely
      .selectFrom('sim_sms')
      .select('text')
      .where('phone', '=', PERSON.phone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const code = /(\d{6})/.exec(sms.text)?.[1]
    const confirmed = await customer.request('POST', `/api/public/verifications/${token}/confirm`, { code })
    expect(confirmed.status).toBe(200)
    const bound = await t.ctx.db.kysely
      .selectFrom('bindings')
      .select('external_userid')
      .where('external_userid', '=', contact.external_userid)
      .execute()
    expect(bound).toHaveLength(1)
    expect((await manager.request('GET', `/api/contacts/${contact.external_userid}`)).status).toBe(200)
    const logs = t.logs.join('\n')
    for (const value of [PERSON.phone, PERSON.id_no, PERSON.name]) expect(logs, value).not.toContain(value)
  })
})
