import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { adminClient, BRANCHES_CSV, countRows, CUSTOMER_HEADER, customerLine, STAFF_CSV } from './crm-fixtures.js'

describe('CRM console API', () => {
  let t: TestApp
  let admin: Awaited<ReturnType<typeof adminClient>>['c']
  const upload = (filename: string, body: string, dryRun = false) =>
    admin.request(
      'POST',
      `/api/crm/imports?filename=${encodeURIComponent(filename)}${dryRun ? '&dryRun=1' : ''}`,
      body,
      { 'content-type': 'text/csv' },
    )
  beforeAll(async () => {
    t = await startTestApp()
    admin = (await adminClient(t)).c
    expect((await upload('branches.csv', BRANCHES_CSV)).json.status).toBe('succeeded')
    expect((await upload('staff.csv', STAFF_CSV)).json.status).toBe('succeeded')
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a front-office manager or a stranger calls the CRM API, then it is refused', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const front = await insertStaff(t.ctx.db.kysely, branch.id, 'front')
    const manager = client(t.baseUrl)
    await manager.request('POST', '/api/demo/login', { userid: front.wecom_userid })
    expect((await manager.request('GET', '/api/crm/runs')).status).toBe(403)
    expect(
      (await client(t.baseUrl).request('POST', '/api/crm/imports?filename=a.csv', 'x', { 'content-type': 'text/csv' }))
        .status,
    ).toBe(401)
  })

  it('when the admin uploads a file with a bad row, then the run shows the row error, the report downloads, and the fixed file imports', async () => {
    const bad = CUSTOMER_HEADER + customerLine('U0001', '13200000001') + customerLine('U0002', '1320000')
    const rejected = await upload('客户.csv', bad)
    expect(rejected.status).toBe(201)
    expect(rejected.json).toMatchObject({
      status: 'rejected',
      errorCount: 1,
      actorName: '周信科',
      trigger: 'upload',
      source: '客户.csv',
    })
    expect(rejected.json.errors).toEqual([
      { source: '客户.csv', rowNo: 3, column: '手机号', reason: '应为 11 位中国大陆手机号' },
    ])
    expect(await countRows(t, 'customers')).toBe(0)

    const report = await admin.request('GET', `/api/crm/runs/${rejected.json.id}/errors.csv`)
    expect(report.status).toBe(200)
    expect(report.headers.get('content-type')).toContain('text/csv')
    // fetch's text() drops the BOM that tells Excel the file is UTF-8.
    expect(report.text).toBe('文件,行号,列,原因\r\n客户.csv,3,手机号,应为 11 位中国大陆手机号\r\n')

    const dry = await upload('客户.csv', bad.replace('1320000,', '13200000002,'), true)
    expect(dry.json).toMatchObject({ status: 'succeeded', dryRun: true, counts: { customers: { inserted: 2 } } })
    expect(await countRows(t, 'customers')).toBe(0)
    const fixed = await upload('客户.csv', bad.replace('1320000,', '13200000002,'))
    expect(fixed.json).toMatchObject({ status: 'succeeded', counts: { customers: { inserted: 2, invalid: 0 } } })
    expect(await countRows(t, 'customers')).toBe(2)

    const history = await admin.request('GET', '/api/crm/runs')
    expect(
      history.json.runs
        .slice(0, 3)
        .map((r: { status: string; dryRun: boolean }) => `${r.status}${r.dryRun ? ' dry' : ''}`),
    ).toEqual(['succeeded', 'succeeded dry', 'rejected'])
    expect(t.logs.join('')).not.toMatch(/1320000000[12]/)
  })

  it('when the upload is not a CSV or XLSX, is empty, or no source is configured for a sync, then a clear error comes back', async () => {
    expect((await upload('customers.txt', 'x')).json.error.code).toBe('VALIDATION_FAILED')
    expect((await upload('customers.csv', '')).json.error.code).toBe('EMPTY_FILE')
    const xlsx = await upload('broken.xlsx', 'PK not really a zip')
    expect(xlsx.json).toMatchObject({ status: 'failed' })
    expect(xlsx.json.message).toContain('不是有效的 .xlsx 文件')
    const sync = await admin.request('POST', '/api/crm/sync')
    expect(sync.status).toBe(409)
    expect(sync.json.error.code).toBe('CRM_SOURCE_NOT_CONFIGURED')
  })

  it('when the admin downloads a sample, then it is a CSV with the Chinese header that imports as is', async () => {
    const sample = await admin.request('GET', '/api/crm/samples/customers.csv')
    expect(sample.status).toBe(200)
    expect(sample.text.split('\r\n')[0]).toBe(CUSTOMER_HEADER.trim())
    expect(sample.text.split('\r\n').length).toBe(22)
  })
})
