import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startTestApp, type TestApp } from './support/test-app.js'

describe('foundation API', () => {
  let t: TestApp
  beforeAll(async () => { t = await startTestApp() })
  afterAll(async () => { await t.close() })

  it('when health is asked, then it names the database dialect and version', async () => {
    const res = await client(t.baseUrl).request('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true, db: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite', version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })
})
