import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../../server/features/crm/import.service.js'
import { openCustomer } from '../support/pii.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { countRows, CUSTOMER_HEADER, customerLine, ORG_FILES, tempFiles } from './crm-fixtures.js'

describe('CRM file import', () => {
  let t: TestApp
  const imp = (paths: string[], dryRun = false) =>
    importFiles(
      t.ctx,
      paths.map((p) => ({ path: p, name: p.split('/').pop()! })),
      { dryRun, trigger: 'cli', actorStaffId: null, batchSize: 2 },
    )
  beforeAll(async () => {
    t = await startTestApp()
    const org = tempFiles(ORG_FILES)
    expect((await imp(Object.values(org.paths))).status).toBe('succeeded')
    org.cleanup()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a good file is imported, then every row lands, PII sealed, and a re-import of the same file changes nothing', async () => {
    const f = tempFiles({
      'customers.csv':
        CUSTOMER_HEADER +
        customerLine('G0001', '138 0013 8001') +
        customerLine('G0002', '+86 13800138002') +
        customerLine('G0003', '13800138003'),
    })
    const run = await imp([f.paths['customers.csv']!])
    expect(run).toMatchObject({
      status: 'succeeded',
      errorCount: 0,
      counts: { customers: { inserted: 3, updated: 0, unchanged: 0, invalid: 0 } },
    })
    const stored = await t.ctx.db.kysely
      .selectFrom('customers')
      .selectAll()
      .where('cif_no', 'like', 'G%')
      .orderBy('cif_no')
      .execute()
    expect(stored.map((c) => openCustomer(c).phone)).toEqual(['13800138001', '13800138002', '13800138003'])
    expect(stored[0]).toMatchObject({
      aum_cents: 120_000_050,
      owner_staff_id: 'E1',
      segment: 'wealth',
      gender: 'F',
      tags: '["基金偏好","稳健"]',
    })
    expect(JSON.stringify(stored)).not.toContain('13800138001')

    const again = await imp([f.paths['customers.csv']!])
    expect(again.counts.customers).toEqual({ inserted: 0, updated: 0, unchanged: 3, invalid: 0 })
    expect(
      await t.ctx.db.kysely
        .selectFrom('customers')
        .selectAll()
        .where('cif_no', 'like', 'G%')
        .orderBy('cif_no')
        .execute(),
    ).toEqual(stored)
    f.cleanup()
  })

  it('when rows are bad in every way, then each is reported by row and column, without its value, and nothing is written', async () => {
    const lines = [
      customerLine('B0001', '13900000001'),
      customerLine('B0002', '12345'),
      customerLine('B0003', '13900000003', { aum: '-5' }),
      customerLine('B0004', '13900000004', { owner: 'E404' }),
      customerLine('B0005', '13900000005', { name: '' }),
      customerLine('B0006', '13900000006', { id: '33010-X' }),
      'B0007,孙,13900000007,330106198501010007,1985,未知,财富,1,R9,2026-13-40,E1,S1,也许,浙江省,\n',
      customerLine('B0001', '13900000008'),
      'B0009,只有三列,13900000009\n',
    ]
    const f = tempFiles({ 'customers.csv': CUSTOMER_HEADER + lines.join('') })
    const before = await countRows(t, 'customers')
    const run = await imp([f.paths['customers.csv']!])
    expect(run.status).toBe('rejected')
    const by = (row: number) => run.errors.filter((e) => e.rowNo === row).map((e) => `${e.column}:${e.reason}`)
    expect(by(3)).toEqual(['手机号:应为 11 位中国大陆手机号'])
    expect(by(4)[0]).toMatch(/^资产规模\(元\):/)
    expect(by(5)).toEqual(['管户员工号:员工号不存在（请先导入员工）'])
    expect(by(6)).toEqual(['姓名:必填项为空'])
    expect(by(7)[0]).toMatch(/^证件号码:/)
    expect(by(8).map((e) => e.split(':')[0])).toEqual(['性别', '风险等级', '风评日期', '是否开户'])
    expect(by(9)).toEqual(['客户号:与第 2 行重复'])
    expect(by(10)[0]).toMatch(/^\(整行\):列数为 3/)
    expect(run.errors.every((e) => e.source === 'customers.csv')).toBe(true)
    expect(JSON.stringify(run)).not.toContain('12345')
    expect(await countRows(t, 'customers')).toBe(before)
    expect(run.message).toContain('未写入任何数据')
    f.cleanup()
  })

  it('when the same key appears in two files of one import, then the second is a duplicate naming the first file', async () => {
    const f = tempFiles({
      'a.csv': CUSTOMER_HEADER + customerLine('D0001', '13700000001'),
      'b.csv': CUSTOMER_HEADER + customerLine('D0001', '13700000002'),
    })
    const run = await imp([f.paths['a.csv']!, f.paths['b.csv']!])
    expect(run.errors).toEqual([{ source: 'b.csv', rowNo: 2, column: '客户号', reason: '与 a.csv 第 2 行重复' }])
    f.cleanup()
  })

  it('when a file is cut in the middle of a row or of a quoted cell, then the import fails and changes nothing', async () => {
    const whole = CUSTOMER_HEADER + customerLine('X0001', '13600000001') + customerLine('X0002', '13600000002')
    const f = tempFiles({
      'cut-row.csv': whole.slice(0, -12),
      'cut-quote.csv': `${CUSTOMER_HEADER}${customerLine('X0003', '13600000003')}X0004,"张`,
    })
    const before = await countRows(t, 'customers')
    const row = await imp([f.paths['cut-row.csv']!])
    expect(row.status).toBe('rejected')
    expect(row.errors[0]).toMatchObject({ rowNo: 3, column: '(整行)' })
    const quote = await imp([f.paths['cut-quote.csv']!])
    expect(quote).toMatchObject({ status: 'failed' })
    expect(quote.message).toMatch(/CSV 格式错误/)
    expect(await countRows(t, 'customers')).toBe(before)
    f.cleanup()
  })

  it('when it is a dry run, then the counts are reported and nothing changes', async () => {
    const f = tempFiles({ 'customers.csv': CUSTOMER_HEADER + customerLine('R0001', '13500000001') })
    const before = await countRows(t, 'customers')
    const run = await imp([f.paths['customers.csv']!], true)
    expect(run).toMatchObject({ status: 'succeeded', dryRun: true, counts: { customers: { inserted: 1 } } })
    expect(await countRows(t, 'customers')).toBe(before)
    const seen = await t.ctx.db.kysely.selectFrom('crm_import_seen').select('key').execute()
    expect(seen).toEqual([])
    f.cleanup()
  })

  it('when a header misses a required column or names no entity, then the run fails on the header', async () => {
    const f = tempFiles({ 'x.csv': '客户号,姓名\nC1,张三\n', 'y.csv': 'foo,bar\n1,2\n' })
    const run = await imp([f.paths['x.csv']!, f.paths['y.csv']!])
    expect(run.status).toBe('rejected')
    expect(run.errors.map((e) => e.column)).toEqual(['(表头)', '(表头)'])
    expect(run.errors[0]!.reason).toContain('手机号(phone)')
    f.cleanup()
  })

  it('when a CSV was saved by Excel in GB18030 with English headers, then it imports the same', async () => {
    const text =
      'cif_no,name,phone,id_no,birth_year,gender,segment,aum,branch_id,has_account,province\nK0001,钱多多,13400000001,330106198001010011,1980,M,vip,500000,S1,1,浙江省\n'
    const f = tempFiles({ 'customers.csv': encodeGb18030(text) })
    const run = await imp([f.paths['customers.csv']!])
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded')
    const row = await t.ctx.db.kysely
      .selectFrom('customers')
      .select(['name', 'province'])
      .where('cif_no', '=', 'K0001')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: '钱多多', province: '浙江省' })
    f.cleanup()
  })
})

/** GB18030 bytes of a string: iconv isn't here, so invert Node's decoder over the two-byte range. */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) table.set(decoder.decode(new Uint8Array([hi, lo])), [hi, lo])
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 128 ? [ch.charCodeAt(0)] : table.get(ch)!)))
}
