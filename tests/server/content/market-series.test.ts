import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RecommendationsSchema } from '../../../server/contracts/content.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { approvedItem, boundContact, contentBank, signIn, type Bank, type Client } from './content-fixtures.js'

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)

describe('market series import and charts', () => {
  let t: TestApp
  let bank: Bank
  let author: Client
  beforeAll(async () => {
    t = await startTestApp()
    bank = await contentBank(t)
    author = await signIn(t, bank.author.wecom_userid)
  })
  afterAll(async () => {
    await t.close()
  })

  it('when the CSV has bad rows, then 422 lists each row with its line and nothing is imported', async () => {
    const csv = [
      'symbol,date,close',
      `HSI,${isoDay(3)},17500.5`,
      'FOO,2026-01-02,1',
      'HSI,2026-02-30,1',
      'HSI,2026-01-05,-3',
      `HSI,${isoDay(3)},17600`,
      'HSI,2026-01-06',
    ].join('\n')
    const res = await author.request('POST', '/api/content/market-series/import', { csv })
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('CSV_INVALID')
    expect(res.json.error.details.errors).toEqual([
      { line: 3, message: expect.stringContaining('未知代码「FOO」') },
      { line: 4, message: expect.stringContaining('日期「2026-02-30」无效') },
      { line: 5, message: expect.stringContaining('收盘价「-3」应为正数') },
      { line: 6, message: expect.stringContaining('重复出现') },
      { line: 7, message: '应有 3 列，实际 2 列' },
    ])
    expect(await bank.db.selectFrom('market_series').select('date').execute()).toEqual([])
    const header = await author.request('POST', '/api/content/market-series/import', {
      csv: 'code,day,price\nHSI,2026-01-01,1',
    })
    expect(header.json.error.details.errors).toEqual([{ line: 1, message: '表头应为 symbol,date,close' }])
  })

  it('when the CSV is valid, then points are upserted and the series summary shows them as real data', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `SH000001,${isoDay(60 - i)},${(3000 + i * 5).toFixed(2)}`)
    const res = await author.request('POST', '/api/content/market-series/import', {
      csv: `\uFEFFsymbol,date,close\r\n${rows.join('\r\n')}\r\n`,
    })
    expect(res.json).toEqual({ imported: 60, symbols: ['SH000001'] })
    const summary = await author.request('GET', '/api/content/market-series')
    expect(summary.json.series).toEqual([
      expect.objectContaining({
        symbol: 'SH000001',
        name: '上证指数',
        points: 60,
        lastDate: isoDay(1),
        synthetic: false,
      }),
    ])
    const png = await fetch(`${t.baseUrl}/api/content/charts/preview.png?symbol=SH000001&windowDays=30`, {
      headers: { cookie: author.cookie },
    })
    expect(png.headers.get('content-type')).toBe('image/png')
    const bytes = Buffer.from(await png.arrayBuffer())
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(5000)
  })

  it("when a chart item's data is older than 7 days, then it goes stale and leaves the sidebar", async () => {
    const chart = await approvedItem(t, bank, {
      kind: 'chart',
      title: '上证指数近一月走势',
      body: '',
      topic: 'fund',
      chartSymbol: 'SH000001',
      chartWindowDays: 30,
      disclaimer: '市场有风险，投资须谨慎。',
    })
    const { contact } = await boundContact(t, bank)
    const manager = await signIn(t, bank.manager.wecom_userid)
    const fresh = await manager.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
    const suggested = fresh.body(RecommendationsSchema).items.find((i) => i.item.id === chart)
    expect(suggested?.item).toMatchObject({
      chartAsOf: isoDay(1),
      stale: false,
    })
    await bank.db.deleteFrom('market_series').where('date', '>', isoDay(10)).execute()
    const stale = await manager.request('GET', `/api/content/recommendations?externalUserId=${contact.external_userid}`)
    expect(stale.body(RecommendationsSchema).items.map((i) => i.item.id)).not.toContain(chart)
    expect((await author.request('GET', `/api/content/items/${chart}`)).json.item.stale).toBe(true)
  })
})
