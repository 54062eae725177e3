import { describe, expect, it } from 'vitest'
import { QaIndex, TokenDictionary, type IndexedEntry } from '../../../server/features/replies/search/qa-index.js'
import { coverage } from '../../../server/features/replies/search/ranking.js'
import { indexText, searchTerms } from '../../../server/features/replies/search/tokenizer.js'

const NOW = new Date('2026-06-01T00:00:00.000Z')
const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

function entry(
  id: number,
  searchQuestion: string,
  searchAnswer = '',
  window: { from?: number; until?: number } = {},
): IndexedEntry {
  return {
    id,
    rootId: id,
    topic: 'fund',
    searchQuestion,
    searchAnswer,
    validFrom: iso(window.from ?? NOW.getTime() - DAY_MS),
    validUntil: iso(window.until ?? NOW.getTime() + DAY_MS),
  }
}

function indexOf(entries: IndexedEntry[]): QaIndex {
  const dictionary = new TokenDictionary()
  return new QaIndex(
    entries.map((e) => dictionary.parse(e)),
    dictionary,
  )
}

/** One term per word (no synonyms), as searchTerms gives for words outside the synonym list. */
const terms = (words: string[]) => words.map((w) => [w])
const ids = (index: QaIndex, words: string[], limit = 10, now = NOW) =>
  index.search(terms(words), now, limit).map((c) => c.id)

// Filler entries so that document frequencies mean something (BM25's IDF needs a library, not three rows).
const filler = Array.from({ length: 20 }, (_, i) => entry(100 + i, `其他 问题${i}`, `其他 回答${i}`))

describe('Q&A index: BM25 over question (×1) and answer (×¼) tokens', () => {
  it("when a word is in one entry's question and only in another's answer, then the question match ranks first", () => {
    const index = indexOf([entry(1, '定期 利息', '提前 支取 基金'), entry(2, '基金 赎回 到账', '到账 时间'), ...filler])
    expect(ids(index, ['基金'])).toEqual([2, 1])
  })

  it('when the question holds a rare and a common word, then the entry with the rare one ranks first', () => {
    const common = Array.from({ length: 15 }, (_, i) => entry(200 + i, `基金 其他${i}`))
    const index = indexOf([entry(1, '基金 定投'), entry(2, '基金 qdii'), ...common, ...filler])
    const ranked = ids(index, ['基金', 'qdii'], 3)
    expect(ranked[0]).toBe(2)
    expect(ranked).toHaveLength(3)
  })

  it('when two entries match the same words, then the shorter one ranks first, and equal scores go by id', () => {
    const index = indexOf([
      entry(3, '黄金 积存 一 二 三 四 五 六 七 八'),
      entry(2, '黄金 积存'),
      entry(1, '黄金 积存'),
      ...filler,
    ])
    expect(ids(index, ['黄金', '积存'])).toEqual([1, 2, 3])
    const [first, second] = index.search(terms(['黄金', '积存']), NOW, 2)
    expect(first!.relevance).toBe(second!.relevance)
    expect(first!.relevance).toBeGreaterThan(0)
  })

  it('when a word is repeated in the query or unknown to the library, then it changes nothing', () => {
    const index = indexOf([entry(1, '美元 汇率'), entry(2, '美元 存款'), ...filler])
    expect(index.search(terms(['美元', '汇率', '汇率', '火星']), NOW, 5).map((c) => [c.id, c.relevance])).toEqual(
      index.search(terms(['美元', '汇率']), NOW, 5).map((c) => [c.id, c.relevance]),
    )
    expect(ids(index, ['火星'])).toEqual([])
  })

  it('when more entries match than the limit, then the best `limit` come back in order', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      entry(i + 1, i % 2 ? '理财 到期' : `理财 ${'填充 '.repeat(i % 7)}到期`.trim()),
    )
    const index = indexOf(many)
    const all = index.search(terms(['理财', '到期']), NOW, 50)
    const top = index.search(terms(['理财', '到期']), NOW, 7)
    expect(top).toEqual(all.slice(0, 7))
    expect(all.map((c) => c.relevance)).toEqual([...all.map((c) => c.relevance)].sort((a, b) => b - a))
  })
})

describe("Q&A index: coverage of the query's terms", () => {
  it('when candidates come back, then each carries the same coverage as the stored token strings give', () => {
    const texts = [
      ['美元现在换划算吗', '美元汇率随市场波动，换汇请关注牌价。'],
      ['定期存款提前取会损失利息吗？', '提前支取的部分按活期利率计息。'],
      ['基金赎回多久到账？', '货币基金一般 T+1 日到账。'],
      ['外币存款利率多少', '美元定期存款利率以网点公告为准。'],
    ]
    const entries = texts.map(([q, a], i) => entry(i + 1, indexText(q!), indexText(a!)))
    const index = indexOf([...entries, ...filler])
    for (const question of ['美金定期利息多少', '换美元去哪里', '存款提前取出来亏不亏']) {
      const query = searchTerms(question)
      const candidates = index.search(query, NOW, 10)
      expect(candidates.length, question).toBeGreaterThan(0)
      for (const c of candidates) {
        const e = entries.find((x) => x.id === c.id)!
        expect(c.coverage, `${question} → ${c.id}`).toBe(coverage(query, e.searchQuestion, e.searchAnswer))
      }
    }
  })

  it('when a word is in the question and the answer, then its term counts 1; only in the answer, ½', () => {
    const index = indexOf([entry(1, '黄金 价格', '黄金 积存'), ...filler])
    expect(index.search([['黄金'], ['积存'], ['火星']], NOW, 1)[0]!.coverage).toBe((1 + 0.5 + 0) / 3)
  })
})

describe('Q&A index: validity window at search time', () => {
  const t = NOW.getTime()
  const index = indexOf([
    entry(1, '基金 赎回'),
    entry(2, '基金 赎回', '', { from: t + 1 }), // not yet valid
    entry(3, '基金 赎回', '', { until: t }), // ended exactly now: valid_until is exclusive
    entry(4, '基金 赎回', '', { from: t }), // starts exactly now
    { ...entry(5, '基金 赎回'), validFrom: null }, // approved without a window is never live
    ...filler,
  ])

  it('when entries are outside their window at `now`, then they are left out, boundaries as liveSql has them', () => {
    expect(ids(index, ['基金'])).toEqual([1, 4])
  })

  it('when time moves on, then the same index answers for the new `now` without a rebuild', () => {
    expect(ids(index, ['基金'], 10, new Date(t + 2))).toEqual([1, 2, 4])
    expect(ids(index, ['基金'], 10, new Date(t - 1))).toEqual([1, 3])
    expect(ids(index, ['基金'], 10, new Date(t + 2 * DAY_MS))).toEqual([])
  })
})
