import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
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

  it('when a task, an approval or a content-results period names a day that does not exist, then 400 VALIDATION_FAILED, never 500', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const middle = client(t.baseUrl)
    await middle.request('POST', '/api/demo/login', {
      userid: (await insertStaff(t.ctx.db.kysely, branch.id, 'middle', { reviewer: 1 })).wecom_userid,
    })
    for (const date of ['2026-13-45', '2026-02-30', '0000-00-00']) {
      const calls = [
        middle.request('POST', '/api/tasks', {
          kind: 'friend_add',
          title: '每日加好友',
          branches: [branch.id],
          startDate: date,
          dueDate: '2026-12-31',
          count: 5,
        }),
        middle.request('POST', '/api/content/items/1/approve', { validUntil: date }),
        middle.request('GET', `/api/content/results?from=${date}`),
        middle.request('GET', `/api/content/results?from=2026-01-01&to=${date}`),
      ]
      for (const res of await Promise.all(calls))
        expect([date, res.status, res.json?.error?.code]).toEqual([date, 400, 'VALIDATION_FAILED'])
    }
  })
})

describe('every export guards formula-like text through the shared function', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  const FORMULA = /^[=+\-@＝＋－＠\t\r]/
  const EVIL_NAME = '=HYPERLINK("http://evil.example","点我")'
  const csvCells = (text: string) => parseCsv(text.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][]
  async function xlsxCells(res: Response): Promise<string[]> {
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const out: string[] = []
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void out.push(String(cell.value ?? '')))))
    return out
  }
  /** The hostile texts arrive, and each as an apostrophe-led text cell: none can start a formula. */
  function expectGuarded(cells: string[], hostile: string[]) {
    for (const h of hostile) expect(cells, h).toContain(`'${h}`)
    expect(cells.filter((c) => FORMULA.test(c))).toEqual([])
  }

  it('when a staff name, an audit target and Q&A text start like formulas, then the audit CSV, the dashboard XLSX and the Q&A CSV and XLSX carry them as text', async () => {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'branch', name: '导出测试分行' })
    const sup = await insertStaff(db, branch.id, 'supervisor')
    const evil = await insertStaff(db, branch.id, 'front', { name: EVIL_NAME })
    const target = "=cmd|' /C calc'!A0"
    await db
      .insertInto('audit_log')
      .values({
        at: new Date().toISOString(),
        actor_staff_id: evil.id,
        action: 'contact.view',
        target,
        outcome: 'allowed',
        detail: '{}',
      })
      .execute()
    const boss = client(t.baseUrl)
    await boss.request('POST', '/api/demo/login', { userid: sup.wecom_userid })
    const audit = await boss.request('GET', '/api/privacy/audit.csv')
    expect(audit.status).toBe(200)
    expectGuarded(csvCells(audit.text).flat(), [EVIL_NAME, target])
    const dashboard = await fetch(`${t.baseUrl}/api/dashboard/export.xlsx?period=week&branchId=${branch.id}`, {
      headers: { cookie: boss.cookie },
    })
    expectGuarded(await xlsxCells(dashboard), [EVIL_NAME])

    const author = client(t.baseUrl)
    await author.request('POST', '/api/demo/login', {
      userid: (await insertStaff(db, branch.id, 'middle')).wecom_userid,
    })
    const entry = {
      question: '@理财经理 基金赎回多久到账？',
      alternatives: ['+1 天能到账吗'],
      topic: 'fund',
      tags: ['赎回'],
      answer: '-货币基金一般 T+1 日到账，具体以基金合同为准。',
      disclaimer: '=基金有风险，投资须谨慎。',
    }
    expect((await author.request('POST', '/api/console/qa', entry)).status).toBe(201)
    const hostile = [entry.question, entry.alternatives[0]!, entry.answer, entry.disclaimer]
    const qaCsv = await author.request('GET', '/api/console/qa/export?format=csv')
    expect(qaCsv.status).toBe(200)
    expectGuarded(csvCells(qaCsv.text).flat(), hostile)
    const qaXlsx = await fetch(`${t.baseUrl}/api/console/qa/export?format=xlsx`, { headers: { cookie: author.cookie } })
    expectGuarded(await xlsxCells(qaXlsx), hostile)
  })
})
