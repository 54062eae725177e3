import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spreadsheetSafe, toCsv, xlsxSafeRow } from '../../../server/lib/csv.js'
import { adminClient, BRANCHES_CSV } from '../crm/crm-fixtures.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('formula injection in exports', () => {
  it('when a cell starts like a formula, then the shared guard keeps it text in CSV and XLSX', () => {
    for (const v of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x', '＝HYPERLINK()'])
      expect(spreadsheetSafe(v)).toBe(`'${v}`)
    for (const v of ['普通文本', '13800000000', 'a=b', '']) expect(spreadsheetSafe(v)).toBe(v)
    expect(toCsv([['=HYPERLINK("http://x","点")']])).toBe('\ufeff"\'=HYPERLINK(""http://x"",""点"")"\r\n')
    expect(xlsxSafeRow(['=A1', 3, null])).toEqual(["'=A1", 3, null])
  })

  describe('the CRM import error report', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await startTestApp()
    })
    afterAll(async () => {
      await t.close()
    })

    it('when the uploaded file name and a cell are formulas, then errors.csv carries them as text', async () => {
      const { c } = await adminClient(t)
      const name = '=HYPERLINK("http://evil.example","点我").csv'
      const bad = BRANCHES_CSV.replace('西湖支行,H1,支行', '@SUM(1),H1,不存在的层级')
      const run = await c.request('POST', `/api/crm/imports?filename=${encodeURIComponent(name)}`, bad, {
        'content-type': 'text/csv',
      })
      expect(run.json.status).toBe('rejected')
      const report = await c.request('GET', `/api/crm/runs/${run.json.id}/errors.csv`)
      const lines = report.text.split('\r\n').slice(1).filter(Boolean)
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) expect(line.startsWith(`"'=HYPERLINK(`)).toBe(true)
    })
  })
})

describe('date inputs at the edge', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a dashboard or audit date does not exist, then 400 VALIDATION_FAILED, never 500', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const sup = await insertStaff(t.ctx.db.kysely, branch.id, 'supervisor')
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid: sup.wecom_userid })
    for (const date of ['2026-13-45', '2026-02-30', '0000-00-00', '9999-12-31']) {
      for (const path of ['/api/dashboard/process', '/api/dashboard/results', '/api/dashboard/export.xlsx']) {
        const res = await c.request('GET', `${path}?period=month&date=${date}`)
        expect([path, date, res.status, res.json?.error?.code]).toEqual([path, date, 400, 'VALIDATION_FAILED'])
      }
      const audit = await c.request('GET', `/api/privacy/audit?from=${date}`)
      expect([date, audit.status]).toEqual([date, 400])
    }
    expect((await c.request('GET', '/api/dashboard/process?period=month&date=2026-02-28')).status).toBe(200)
  })
})
