import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.js'
import { listRoutes } from '../../../server/lib/route-table.js'
import { startTestApp, type TestApp } from '../support/test-app.js'

describe('route policies', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when the app is built, then every API and auth route declares who may call it', () => {
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    const routes = listRoutes(app).filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/auth/'))
    expect(routes.length).toBeGreaterThan(10)
    // The simulator (a stand-in for WeCom, DEMO only) is not under /api or /auth and checks WeCom's own credentials.
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`)
    expect(missing).toEqual([])
  })

  it('when listed, then the known routes carry the expected policies', () => {
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    const byKey = new Map(listRoutes(app).map((r) => [`${r.method} ${r.path}`, r.policy]))
    expect(byKey.get('GET /api/contacts/:externalUserId')).toEqual({
      roles: ['front', 'supervisor'],
      scope: ['own-book', 'branch-subtree'],
    })
    expect(byKey.get('POST /api/verifications')).toEqual({ roles: ['front'], scope: 'own-book' })
    expect(byKey.get('POST /api/public/verifications/:token/sms')).toEqual({ roles: 'anyone', scope: 'public' })
    expect(byKey.get('POST /api/wecom/callback')).toEqual({ roles: 'anyone', scope: 'signature' })
  })
})
