import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertStaff } from './support/factories.js'
import { PRODUCTION_ENV } from './support/production-env.js'
import { client, startTestApp, type TestApp } from './support/test-app.js'

describe('foundation API (demo mode)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when health is asked, then it names the database dialect and version', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      ok: true,
      db: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    })
  })

  it('when an unknown API path is called, then it answers 404 in the error envelope', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/no/such/thing')
    expect(res.status).toBe(404)
    expect(res.json.error.code).toBe('NOT_FOUND')
    expect(res.json.error.message).toContain('接口不存在')
  })

  it('when the JSON body is malformed, then it answers 400 MALFORMED_JSON, not 500', async () => {
    const res = await client(t.baseUrl).request('POST', '/api/demo/login', '{"userid": ', {
      'content-type': 'application/json',
    })
    expect(res.status).toBe(400)
    expect(res.json).toEqual({ error: { code: 'MALFORMED_JSON', message: expect.any(String) } })
  })

  it('when the body fails validation, then it answers 400 VALIDATION_FAILED naming the field', async () => {
    const res = await client(t.baseUrl).request('POST', '/api/demo/login', { userid: 42 })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('VALIDATION_FAILED')
    expect(res.json.error.message).toContain('userid')
  })

  it('when nobody is signed in, then /api/session/me is 401 and names the demo sign-in page', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/session/me')
    expect(res.status).toBe(401)
    expect(res.json.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { loginUrl: '/demo/login' } })
  })

  it('when a seeded staff member signs in through the demo page, then the session cookie identifies them', async () => {
    const branch = await insertBranch(t.ctx.db.kysely, { name: '杭州西湖支行' })
    const staff = await insertStaff(t.ctx.db.kysely, branch.id, 'front', { name: '王敏' })
    const c = client(t.baseUrl)
    const login = await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    expect(login.status).toBe(200)
    const setCookie = login.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const me = await c.request('GET', '/api/session/me')
    expect(me.status).toBe(200)
    expect(me.json).toEqual({
      id: staff.id,
      userid: staff.wecom_userid,
      name: '王敏',
      role: 'front',
      branchId: branch.id,
      branchName: '杭州西湖支行',
    })
    const listed = await c.request('GET', '/api/demo/staff')
    expect(listed.json.staff).toContainEqual(
      expect.objectContaining({ userid: staff.wecom_userid, branchName: '杭州西湖支行' }),
    )
  })

  it('when the cookie is tampered with, then the request is anonymous', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const staff = await insertStaff(t.ctx.db.kysely, branch.id)
    const other = await insertStaff(t.ctx.db.kysely, branch.id, 'supervisor')
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    // The cookie is a random token looked up server-side: a changed character names no session.
    const token = c.cookie.split('=')[1]!
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect((await client(t.baseUrl).request('GET', '/api/session/me', undefined, { cookie: c.cookie })).status).toBe(
      200,
    )
    expect(other.id).not.toBe(staff.id)
    const res = await client(t.baseUrl).request('GET', '/api/session/me', undefined, {
      cookie: `ad_session=${forged}`,
    })
    expect(res.status).toBe(401)
  })

  it('when a staff member is deactivated, then their existing session stops working', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const staff = await insertStaff(t.ctx.db.kysely, branch.id)
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    await t.ctx.db.kysely.updateTable('staff').set({ active: 0 }).where('id', '=', staff.id).execute()
    expect((await c.request('GET', '/api/session/me')).status).toBe(401)
    const again = await client(t.baseUrl).request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    expect(again.status).toBe(404)
    expect(again.json.error.code).toBe('UNKNOWN_STAFF')
  })

  it('when the session expires, then the cookie is refused', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const staff = await insertStaff(t.ctx.db.kysely, branch.id)
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    t.setNow(new Date(Date.now() + 13 * 3600_000))
    try {
      expect((await c.request('GET', '/api/session/me')).status).toBe(401)
    } finally {
      t.setNow(new Date())
    }
  })

  it('when any page is served, then security headers and a CSP are set', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/health')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBeNull()
  })
})

describe('foundation API (production mode)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp({ ...PRODUCTION_ENV })
  })
  afterAll(async () => {
    await t.close()
  })

  it('when DEMO is off, then the demo sign-in API does not exist', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const staff = await insertStaff(t.ctx.db.kysely, branch.id)
    const login = await client(t.baseUrl).request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    expect(login.status).toBe(404)
    expect(login.headers.get('set-cookie')).toBeNull()
    expect((await client(t.baseUrl).request('GET', '/api/demo/staff')).status).toBe(404)
  })

  it('when DEMO is off, then a 401 points at WeCom OAuth and HSTS is on', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/session/me')
    expect(res.json.error.details.loginUrl).toBe('/auth/wecom')
    expect(res.headers.get('strict-transport-security')).toContain('max-age')
  })
})

describe('response compression', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a client accepts gzip, then a large JSON answer is gzipped', async () => {
    const res = await fetch(`${t.baseUrl}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect((await res.json()).openapi).toBe('3.1.0')
  })

  it('when an answer is small (under 4 KB), then it goes uncompressed and without an ETag: the same round trip, no gzip setup', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`, { headers: { 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('etag')).toBeNull()
    expect(Number(res.headers.get('content-length'))).toBeLessThan(4096)
  })
})
