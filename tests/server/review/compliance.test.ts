import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCompliance, hasBlocking } from '../../../server/features/review/compliance.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

describe('compliance checks', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => {
    await t.drop()
  })
  const check = (input: Parameters<typeof checkCompliance>[1]) =>
    checkCompliance(t.db.kysely, input, { publicBaseUrl: 'https://advisor.example-bank.cn' })

  it('when a text promises 保本 and 稳赚不赔, then each seeded phrase is a blocking finding with an excerpt', async () => {
    const findings = await check({ fields: { body: '这款产品保本，稳赚不赔！' }, topic: 'general' })
    const banned = findings.filter((f) => f.code === 'BANNED_PHRASE').map((f) => f.message)
    expect(banned).toEqual(
      expect.arrayContaining([expect.stringContaining('保本'), expect.stringContaining('稳赚不赔')]),
    )
    expect(findings.find((f) => f.message.includes('保本'))).toMatchObject({
      severity: 'block',
      field: 'body',
      excerpt: '这款产品保本，稳赚不赔！',
    })
    expect(hasBlocking(findings)).toBe(true)
  })

  it('when a phrase is negated (本产品不保本, 非保本), then it is a disclosure, not a finding', async () => {
    const findings = await check({ fields: { body: '本产品为非保本浮动收益型，不保证收益。' }, topic: 'general' })
    expect(findings).toEqual([])
  })

  it('when the middle office adds a phrase, then the next check flags it', async () => {
    await t.db.kysely
      .insertInto('banned_phrases')
      .values({
        phrase: '内部渠道',
        severity: 'warn',
        note: null,
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute()
    const findings = await check({ fields: { title: '内部渠道专享' }, topic: 'general' })
    expect(findings).toEqual([expect.objectContaining({ code: 'BANNED_PHRASE', severity: 'warn', field: 'title' })])
    expect(hasBlocking(findings)).toBe(false)
  })

  it('when a fund item has no disclaimer, then MISSING_DISCLAIMER blocks; a deposit item needs none', async () => {
    expect(await check({ fields: { body: '近期市场回顾' }, topic: 'fund', disclaimer: '' })).toEqual([
      expect.objectContaining({ code: 'MISSING_DISCLAIMER', severity: 'block', field: 'disclaimer' }),
    ])
    expect(await check({ fields: { body: '大额存单利率说明' }, topic: 'deposit' })).toEqual([])
  })

  it('when 年化收益率 is quoted without a disclaimer, then it blocks; with one, it only warns', async () => {
    const without = await check({ fields: { body: '年化收益率 4.5%' }, topic: 'deposit' })
    expect(without).toEqual([expect.objectContaining({ code: 'YIELD_PROMISE', severity: 'block' })])
    const withIt = await check({
      fields: { body: '业绩比较基准 3.2%' },
      topic: 'wealth',
      disclaimer: '理财非存款，产品有风险，投资须谨慎。',
    })
    expect(withIt).toEqual([expect.objectContaining({ code: 'YIELD_PROMISE', severity: 'warn' })])
  })

  it('when links point outside the allow-list, then they are flagged; our own host, relative links and allow-listed hosts pass', async () => {
    await t.db.kysely
      .insertInto('link_allowlist')
      .values({ host: 'cmbchina.com', created_by: null, created_at: new Date().toISOString() })
      .execute()
    const findings = await check({
      fields: { body: '详见 https://evil.example.com/x 与 https://www.cmbchina.com/a' },
      topic: 'general',
      links: ['https://advisor.example-bank.cn/c/abc', '/c/relative', 'javascript:alert(1)'],
    })
    expect(findings.map((f) => [f.code, f.field, f.excerpt])).toEqual([
      ['LINK_NOT_ALLOWED', 'link', 'javascript:alert(1)'],
      ['LINK_NOT_ALLOWED', 'body', 'https://evil.example.com/x'],
    ])
  })
})
