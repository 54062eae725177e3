import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkText, type ComplianceFinding } from '../../../server/features/compliance/index.js'
import { createTestDb, type TestDb } from '../support/test-db.js'
import { COMPLIANT_SENTENCES } from './compliant-corpus.js'
import { PROHIBITED_SENTENCES } from './prohibited-corpus.js'

// Real-style copy carries its 风险提示, as content items and Q&A answers do.
const DISCLAIMER = '理财非存款、产品有风险、投资须谨慎。'

describe('the compliance gate on the corpora (seeded lexicon + built-in rules)', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when 200+ compliant bank sentences are checked, then none is blocked (false-positive rate 0)', async () => {
    expect(COMPLIANT_SENTENCES.length).toBeGreaterThanOrEqual(200)
    const blocked: [string, ComplianceFinding[]][] = []
    let warned = 0
    for (const body of COMPLIANT_SENTENCES) {
      const result = await checkText(t.db.kysely, { fields: { body }, topic: 'general', disclaimer: DISCLAIMER })
      if (result.blocking.length) blocked.push([body, result.blocking])
      if (result.warnings.some((w) => w.code !== 'YIELD_PROMISE')) warned++
    }
    console.info(
      `compliant corpus: ${COMPLIANT_SENTENCES.length} sentences, ${blocked.length} blocked ` +
        `(false-positive rate ${((100 * blocked.length) / COMPLIANT_SENTENCES.length).toFixed(2)}%), ${warned} with rule warnings`,
    )
    expect(blocked.map(([s, f]) => `${s} ← ${f.map((x) => x.message).join('; ')}`)).toEqual([])
  })

  it('when each plain prohibited claim is checked, then it blocks with a category, a Chinese explanation and its regulation', async () => {
    for (const body of PROHIBITED_SENTENCES) {
      const result = await checkText(t.db.kysely, { fields: { body }, topic: 'general', disclaimer: DISCLAIMER })
      expect(result.blocking.length, body).toBeGreaterThan(0)
      const rule = result.blocking.find((f) => f.ruleId)!
      expect(rule.source, body).toMatch(/《.+》/)
      expect(rule.category, body).toBeTruthy()
      expect(body.slice(rule.start, rule.end).length, body).toBeGreaterThan(0)
      expect(result.lexiconVersion).toMatch(/^r\d+\.\d+$/)
    }
  })

  it('when a product text is checked, then its 风险提示 is required; a service text needs none', async () => {
    const product = await checkText(t.db.kysely, {
      fields: { body: '本周新发两款理财产品，欢迎咨询。' },
      topic: 'general',
    })
    expect(product.requiredDisclosures).toEqual(['理财非存款、产品有风险、投资须谨慎。'])
    const service = await checkText(t.db.kysely, { fields: { body: '本周六网点正常营业。' }, topic: 'general' })
    expect(service.requiredDisclosures).toEqual([])
  })
})
