import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readTables } from '../../../server/lib/table-reader.js'
import { UploadLimitError } from '../../../server/lib/upload-limits.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { BOMBS, buildZip, plainPart } from '../support/zip-bombs.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bombs-'))
const file = (name: string, body: Buffer | string) => {
  const p = path.join(dir, name)
  fs.writeFileSync(p, body)
  return p
}

/** Reads every row of every table, as an import does; returns the limit's code, or 'read'. */
async function readAll(p: string, name: string): Promise<string> {
  try {
    for await (const t of readTables(p, name)) for await (const _row of t.rows);
    return 'read'
  } catch (err) {
    return err instanceof UploadLimitError ? err.code : `other: ${String(err)}`
  }
}

describe('bounded parsing of uploads', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('when an xlsx inflates past a limit, then reading stops at the limit with its code, before inflating the rest', async () => {
    const cases: [keyof typeof BOMBS, string][] = [
      ['sharedString', 'UPLOAD_STRING_TOO_LONG'],
      ['rows', 'UPLOAD_ENTRY_TOO_LARGE'],
      ['nested', 'UPLOAD_NESTED_ARCHIVE'],
      ['ratio', 'UPLOAD_RATIO_TOO_HIGH'],
    ]
    for (const [bomb, code] of cases) {
      const started = Date.now()
      expect(await readAll(file(`${bomb}.xlsx`, BOMBS[bomb]()), `${bomb}.xlsx`), bomb).toBe(code)
      // Inflating 400 MB takes seconds here; stopping at the limit takes a fraction of that.
      expect(Date.now() - started, bomb).toBeLessThan(3000)
    }
    const many = buildZip(Array.from({ length: 1200 }, (_, i) => plainPart(`xl/p${i}.xml`, '<a/>')))
    expect(await readAll(file('many.xlsx', many), 'many.xlsx')).toBe('UPLOAD_TOO_MANY_ENTRIES')
  })

  it('when a csv has an endless quoted field, too many columns or too long a cell, then it is refused with the limit named', async () => {
    expect(await readAll(file('q.csv', `a,b\n"${'x'.repeat(300_000)}`), 'q.csv')).toBe('UPLOAD_STRING_TOO_LONG')
    expect(await readAll(file('c.csv', `${'h,'.repeat(300)}\n1\n`), 'c.csv')).toBe('UPLOAD_TOO_MANY_COLUMNS')
    expect(await readAll(file('s.csv', `a,b\n${'y'.repeat(40_000)},1\n`), 's.csv')).toBe('UPLOAD_STRING_TOO_LONG')
  })

  it('when a real workbook is within the limits, then every row reads', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('客户')
    ws.addRow(['客户号', '姓名'])
    for (let i = 0; i < 500; i++) ws.addRow([`C${i}`, '赵敏'])
    const p = file('ok.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    expect(await readAll(p, 'ok.xlsx')).toBe('read')
  })
})

describe('upload bombs against every upload route at once', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when twelve bombs arrive concurrently, then each is refused with 413/422/429, health answers throughout and RSS stays bounded', async () => {
    const admin = (await adminClient(t)).c
    const branch = await insertBranch(t.ctx.db.kysely)
    const middle = client(t.baseUrl)
    await middle.request('POST', '/api/demo/login', {
      userid: (await insertStaff(t.ctx.db.kysely, branch.id, 'middle')).wecom_userid,
    })
    const bombs = [BOMBS.sharedString(), BOMBS.rows(), BOMBS.nested(), BOMBS.ratio()]
    const raw = async (c: typeof admin, url: string, body: Buffer) => {
      const res = await fetch(t.baseUrl + url, {
        method: 'POST',
        headers: { cookie: c.cookie, 'x-advisor-request': '1', 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      })
      const text = await res.text()
      return { status: res.status, text, json: JSON.parse(text) as { error?: { code?: string } } }
    }
    global.gc?.()
    const baseline = process.memoryUsage().rss
    let peak = baseline
    let healthFailures = 0
    let healthCalls = 0
    let done = false
    const poll = (async () => {
      while (!done) {
        const started = Date.now()
        const h = await fetch(`${t.baseUrl}/api/health`)
        healthCalls++
        if (h.status !== 200 || Date.now() - started > 2000) healthFailures++
        peak = Math.max(peak, process.memoryUsage().rss)
        await new Promise((r) => setTimeout(r, 25))
      }
    })()
    const uploads = [
      ...bombs.map((b, i) => raw(admin, `/api/crm/imports?filename=b${i}.xlsx`, b)),
      ...bombs.map((b, i) => raw(admin, `/api/crm/imports?filename=c${i}.xlsx`, b)),
      ...bombs.map((b, i) => raw(middle, `/api/console/qa/import?filename=q${i}.xlsx`, b)),
      middle.request('POST', '/api/content/market-series/import', {
        csv: `symbol,date,close\n${'SSE,2026-01-01,1\n'.repeat(20_000)}`,
      }),
    ]
    const results = await Promise.all(uploads)
    done = true
    await poll
    for (const r of results) expect([400, 413, 422, 429], r.text).toContain(r.status)
    expect(results.every((r) => typeof r.json?.error?.code === 'string')).toBe(true)
    const codes = new Set(results.map((r) => r.json.error!.code))
    expect(codes).toContain('IMPORT_BUSY')
    const allowed = [
      'UPLOAD_STRING_TOO_LONG',
      'UPLOAD_NESTED_ARCHIVE',
      'UPLOAD_ENTRY_TOO_LARGE',
      'UPLOAD_RATIO_TOO_HIGH',
    ]
    for (const code of codes) expect([...allowed, 'IMPORT_BUSY', 'PAYLOAD_TOO_LARGE']).toContain(code)
    // One at a time, each route names each bomb's limit.
    const expected = [
      'UPLOAD_STRING_TOO_LONG',
      'UPLOAD_ENTRY_TOO_LARGE',
      'UPLOAD_NESTED_ARCHIVE',
      'UPLOAD_RATIO_TOO_HIGH',
    ]
    for (const [i, b] of bombs.entries()) {
      const crm = await raw(admin, `/api/crm/imports?filename=s${i}.xlsx`, b)
      const qa = await raw(middle, `/api/console/qa/import?filename=s${i}.xlsx`, b)
      expect([crm.status, crm.json.error?.code]).toEqual([
        expected[i] === 'UPLOAD_NESTED_ARCHIVE' ? 422 : expected[i] === 'UPLOAD_STRING_TOO_LONG' ? 422 : 413,
        expected[i],
      ])
      expect(qa.json.error?.code).toBe(expected[i])
    }
    expect(healthCalls).toBeGreaterThan(0)
    expect(healthFailures).toBe(0)
    console.info(
      `upload bombs: RSS baseline ${Math.round(baseline / 2 ** 20)} MB, peak ${Math.round(peak / 2 ** 20)} MB`,
    )
    expect(peak - baseline).toBeLessThan(200 * 2 ** 20)
    const runs = await t.ctx.db.kysely.selectFrom('crm_runs').select('status').execute()
    expect(runs.every((r) => r.status === 'failed')).toBe(true)
  }, 60_000)
})
