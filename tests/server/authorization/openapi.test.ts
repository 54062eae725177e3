import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.js'
import { listRoutes } from '../../../server/lib/route-table.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('OpenAPI document', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when an API route has no zod contract, then this test names it', () => {
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    const undocumented = listRoutes(app)
      .filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/auth/'))
      .filter((r) => !r.doc)
      .map((r) => `${r.method} ${r.path}`)
    expect(undocumented).toEqual([])
  })

  it('when fetched, then every API route appears with its policy, parameters and schemas', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.json.openapi).toBe('3.1.0')
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    for (const r of listRoutes(app).filter((x) => x.path.startsWith('/api/'))) {
      const op = res.json.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]
      expect(op, `${r.method} ${r.path}`).toBeDefined()
    }
    const profile = res.json.paths['/api/contacts/{externalUserId}'].get
    expect(profile['x-policy']).toEqual({ roles: ['front', 'supervisor'], scope: ['own-book', 'branch-subtree'] })
    expect(profile.parameters).toEqual([
      expect.objectContaining({ name: 'externalUserId', in: 'path', required: true }),
    ])
    expect(profile.responses['200'].content['application/json'].schema.properties).toHaveProperty('attribution')
    const sms = res.json.paths['/api/public/verifications/{token}/sms'].post
    expect(sms.requestBody.content['application/json'].schema.required).toEqual(['name', 'phone', 'consent'])
  })
})
