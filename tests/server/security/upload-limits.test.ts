import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readTables } from '../../../server/lib/table-reader.js'
import { UploadLimitError } from '../../../server/lib/upload-limits.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { buildZip, plainPart } from '../support/zip-bombs.js'

const KB = 1024
// The real limits need files of hundreds of MB or millions of rows; the same checks run here at a small scale.
vi.mock('../../../server/lib/upload-limits.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../server/lib/upload-limits.js')>()
  return {
    ...actual,
    UPLOAD_LIMITS: {
      ...actual.UPLOAD_LIMITS,
      maxEntryBytes: 2 * 1024 * 1024,
      maxCachedPartBytes: 1024 * 1024,
      maxTotalBytes: 3 * 1024 * 1024,
      maxRows: 50,
      maxCells: 300,
    },
  }
})

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-'))
const file = (name: string, body: Buffer | string) => {
  const p = path.join(dir, name)
  fs.writeFileSync(p, body)
  return p
}
async function readAll(p: string, name = path.basename(p)): Promise<string> {
  try {
    for await (const t of readTables(p, name)) for await (const _row of t.rows);
    return 'read'
  } catch (err) {
    return err instanceof UploadLimitError ? err.code : `other: ${String(err)}`
  }
}
/** Hardly compressible XML of about `bytes` (so no ratio limit interferes), with a delimiter every 1 KB. */
const noisyXml = (bytes: number) =>
  Array.from({ length: Math.ceil(bytes / KB) }, () => `<t>${crypto.randomBytes(760).toString('base64')}</t>`).join('')
const csvRows = (rows: number, cols: number) =>
  [Array.from({ length: cols }, (_, i) => `列${i}`), ...Array.from({ length: rows }, () => Array(cols).fill('1'))]
    .map((r) => r.join(','))
    .join('\n')
async function workbook(rows: number, cols: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('客户')
  for (const r of csvRows(rows, cols).split('\n')) ws.addRow(r.split(','))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('upload limits past the bombs: part size, total size, rows and cells', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('when a worksheet or a cached part is larger than its limit (declared honestly), then UPLOAD_ENTRY_TOO_LARGE', async () => {
    const sheet = buildZip([plainPart('xl/worksheets/sheet1.xml', noisyXml(2200 * KB))])
    expect(await readAll(file('sheet.xlsx', sheet))).toBe('UPLOAD_ENTRY_TOO_LARGE')
    const strings = buildZip([plainPart('xl/sharedStrings.xml', noisyXml(1100 * KB))])
    expect(await readAll(file('strings.xlsx', strings))).toBe('UPLOAD_ENTRY_TOO_LARGE')
  })

  it('when every part is within its limit but all together are not, then UPLOAD_TOTAL_TOO_LARGE', async () => {
    const parts = [1, 2, 3, 4].map((i) => plainPart(`xl/worksheets/sheet${i}.xml`, noisyXml(900 * KB)))
    expect(await readAll(file('total.xlsx', buildZip(parts)))).toBe('UPLOAD_TOTAL_TOO_LARGE')
    expect(await readAll(file('three.xlsx', buildZip(parts.slice(0, 3))))).not.toBe('UPLOAD_TOTAL_TOO_LARGE')
  })

  it('when a CSV or workbook has one row or cell too many, then UPLOAD_TOO_MANY_ROWS or _CELLS; at the limit it reads', async () => {
    expect(await readAll(file('rows-ok.csv', csvRows(50, 2)))).toBe('read')
    expect(await readAll(file('rows.csv', csvRows(51, 2)))).toBe('UPLOAD_TOO_MANY_ROWS')
    expect(await readAll(file('rows.xlsx', await workbook(51, 2)))).toBe('UPLOAD_TOO_MANY_ROWS')
    // Cells count the header too: 30 × 10 = 300 is the limit, 31 × 10 crosses it.
    expect(await readAll(file('cells-ok.csv', csvRows(29, 10)))).toBe('read')
    expect(await readAll(file('cells.csv', csvRows(30, 10)))).toBe('UPLOAD_TOO_MANY_CELLS')
    expect(await readAll(file('cells.xlsx', await workbook(30, 10)))).toBe('UPLOAD_TOO_MANY_CELLS')
  })
})

describe('upload limits at the routes', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  /** A raw POST that announces `declared` bytes and sends only `body`: the answer must not wait for the rest. */
  function announce(url: string, cookie: string, declared: number, body: Buffer) {
    return new Promise<{ status: number; json: { error?: { code?: string; message?: string } } }>((resolve, reject) => {
      const req = http.request(t.baseUrl + url, {
        method: 'POST',
        headers: { cookie, 'x-advisor-request': '1', 'content-type': 'text/csv', 'content-length': String(declared) },
      })
      req.on('response', (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
      })
      req.on('error', reject)
      req.write(body)
    })
  }

  it('when a CRM upload announces more than 100 MB, then 413 FILE_TOO_LARGE at once, naming the limit and the command-line import', async () => {
    const { c } = await adminClient(t)
    const res = await announce(
      '/api/crm/imports?filename=big.csv',
      c.cookie,
      100 * 1024 * 1024 + 1,
      Buffer.from('a,b\n'),
    )
    expect(res.status).toBe(413)
    expect(res.json.error?.code).toBe('FILE_TOO_LARGE')
    expect(res.json.error?.message).toContain('100 MB')
  })

  it('when a Q&A upload is over 5 MB, or has too many rows, then 413 with the code, and nothing is imported', async () => {
    const branch = await insertBranch(t.ctx.db.kysely)
    const middle = client(t.baseUrl)
    await middle.request('POST', '/api/demo/login', {
      userid: (await insertStaff(t.ctx.db.kysely, branch.id, 'middle')).wecom_userid,
    })
    const post = async (body: Buffer, name: string) => {
      const res = await fetch(`${t.baseUrl}/api/console/qa/import?filename=${name}`, {
        method: 'POST',
        headers: { cookie: middle.cookie, 'x-advisor-request': '1', 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      })
      return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code }
    }
    expect(await post(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), 'big.csv')).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    })
    const qaRows = ['问题,答案,主题', ...Array.from({ length: 51 }, (_, i) => `基金问题${i}？,答案${i},基金`)].join(
      '\n',
    )
    expect(await post(Buffer.from(qaRows), 'rows.csv')).toEqual({ status: 413, code: 'UPLOAD_TOO_MANY_ROWS' })
    const stored = await t.ctx.db.kysely
      .selectFrom('qa_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(stored.n)).toBe(0)
  })
})
