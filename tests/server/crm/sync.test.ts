import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpCrmSource } from '../../../server/features/crm/http-source.js'
import { runSync } from '../../../server/features/crm/sync.service.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { adminClient, countRows, startFakeCrm, type FakeCrm } from './crm-fixtures.js'

const NOW = new Date('2026-11-23T02:00:00.000Z')

describe('HTTP pull adapter against a fake CRM', () => {
  let t: TestApp
  let crm: FakeCrm
  const source = () => httpCrmSource({ baseUrl: crm.url, token: crm.token })
  beforeAll(async () => {
    crm = await startFakeCrm({ customers: 45, pageSize: 10, now: NOW })
    t = await startTestApp({ CRM_SOURCE_URL: crm.url, CRM_SOURCE_TOKEN: crm.token })
  })
  afterAll(async () => {
    await t.close()
    await crm.close()
  })

  it('when a sync fails mid-way, then the pages before stay written and the next sync resumes at the failed page', async () => {
    crm.failAt(6) // branches, staff, then customers pages 1–3 succeed; page 4 fails
    const failed = await runSync(t.ctx, source(), { trigger: 'manual', actorStaffId: null })
    expect(failed.status).toBe('failed')
    expect(failed.message).toContain('customers 第 4 页')
    expect(await countRows(t, 'customers')).toBe(30)
    expect(crm.requests.every((r) => r.auth === `Bearer ${crm.token}`)).toBe(true)

    crm.failAt(null)
    crm.requests.length = 0
    const resumed = await runSync(t.ctx, source(), { trigger: 'manual', actorStaffId: null })
    expect(resumed.status).toBe('succeeded')
    expect(crm.requests.filter((r) => r.entity === 'customers').map((r) => r.since)).toEqual(['30', '40'])
    expect(await countRows(t, 'customers')).toBe(45)
    expect(resumed.counts.customers).toMatchObject({ inserted: 15 })
    expect(resumed.counts.holdings!.inserted).toBe(await countRows(t, 'holdings'))
  })

  it('when nothing changed since the cursor, then an incremental sync asks from the stored cursors and writes nothing', async () => {
    crm.requests.length = 0
    const run = await runSync(t.ctx, source(), { trigger: 'manual', actorStaffId: null })
    expect(crm.requests.map((r) => `${r.entity}@${r.since}`)).toEqual([
      'branches@done',
      'staff@done',
      'customers@45',
      'holdings@45',
      'purchases@45',
    ])
    expect(Object.values(run.counts).every((c) => c.inserted === 0 && c.updated === 0)).toBe(true)
  })

  it('when the admin asks for a sync in the console, then it starts in the background and shows in the run history with the cursors', async () => {
    const { c } = await adminClient(t)
    const started = await c.request('POST', '/api/crm/sync')
    expect(started.status).toBe(202)
    await expect
      .poll(async () => (await c.request('GET', `/api/crm/runs/${started.json.runId}`)).json.status)
      .toBe('succeeded')
    const runs = await c.request('GET', '/api/crm/runs')
    expect(runs.json.runs[0]).toMatchObject({
      id: started.json.runId,
      kind: 'http',
      trigger: 'manual',
      actorName: '周信科',
      source: new URL(crm.url).host,
    })
    const overview = await c.request('GET', '/api/crm/overview')
    expect(overview.json.pull).toEqual({ configured: true, host: new URL(crm.url).host, syncAt: '02:30' })
    expect(overview.json.cursors.find((x: { entity: string }) => x.entity === 'customers').cursor).toBe('45')
    expect(JSON.stringify(runs.json) + JSON.stringify(overview.json)).not.toContain(crm.token)
  })
})

describe('HTTP pull adapter item validation', () => {
  it('when the CRM sends invalid items, then they are skipped and reported and the rest is written', async () => {
    const crm = await startFakeCrm({
      customers: 8,
      pageSize: 5,
      now: NOW,
      mutate: (entity, item) =>
        entity === 'customers' && item.cif_no === 'C0000000003' ? { ...item, phone: 'n/a' } : item,
    })
    const t = await startTestApp()
    try {
      const run = await runSync(t.ctx, httpCrmSource({ baseUrl: crm.url, token: crm.token }), {
        trigger: 'cli',
        actorStaffId: null,
      })
      expect(run.status).toBe('succeeded')
      expect(run.errors).toContainEqual({
        source: 'customers@起点',
        rowNo: 3,
        column: 'phone',
        reason: '应为 11 位中国大陆手机号',
      })
      expect(await countRows(t, 'customers')).toBe(7)
      const wrongToken = await runSync(t.ctx, httpCrmSource({ baseUrl: crm.url, token: 'not-the-token-000' }), {
        trigger: 'cli',
        actorStaffId: null,
      })
      expect(wrongToken).toMatchObject({ status: 'failed' })
      expect(wrongToken.message).toContain('HTTP 401')
    } finally {
      await t.close()
      await crm.close()
    }
  })
})
