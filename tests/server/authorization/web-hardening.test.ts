import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('web hardening', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a state-changing API call lacks the custom header, then 403 CSRF_HEADER_MISSING and no session is issued', async () => {
    const staff = await insertStaff(t.ctx.db.kysely, (await insertBranch(t.ctx.db.kysely)).id)
    const res = await fetch(`${t.baseUrl}/api/demo/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: staff.wecom_userid }),
    })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('CSRF_HEADER_MISSING')
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('when a cross-site form posts (no custom header, form encoding), then it is refused', async () => {
    const res = await fetch(`${t.baseUrl}/api/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'externalUserId=wmAAAAAAAA',
    })
    expect(res.status).toBe(403)
  })

  it('when WeCom posts a callback, then no custom header is needed (its signature is checked instead)', async () => {
    const res = await fetch(`${t.baseUrl}/api/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=1`, {
      method: 'POST',
      body: '<xml><Encrypt>x</Encrypt></xml>',
    })
    expect(res.status).toBe(403) // refused for its forged signature, not for a missing header
    expect((await res.json()).error.code).toBe('CALLBACK_SIGNATURE_INVALID')
  })

  it('when any page is served, then the security headers forbid framing by others, sniffing and inline scripts', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/health')
    const csp = res.headers.get('content-security-policy') ?? ''
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'self'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive)
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })
})
