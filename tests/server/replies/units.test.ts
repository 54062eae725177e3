import { describe, expect, it } from 'vitest'
import { coverage } from '../../../server/features/replies/search/ranking.js'
import { searchTerms, searchTokens } from '../../../server/features/replies/search/tokenizer.js'
import { slaDueAt } from '../../../server/features/replies/sla.js'
import { toCsv } from '../../../server/lib/csv.js'
import { diffText } from '../../../server/lib/text-diff.js'

describe('Chinese search tokens', () => {
  it('when a question is tokenized, then it has segmenter words, Han bigrams and synonyms, and no question words', () => {
    const tokens = searchTokens('大额存单怎么买？')
    expect(tokens).toEqual(expect.arrayContaining(['大额', '存单', '买', '购买', '定期']))
    expect(tokens).not.toContain('怎么')
    expect(tokens.every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true)
  })

  it('when a customer says 美金 and the library says 美元, then they share a term', () => {
    expect(searchTokens('美金汇率')).toContain('美元')
    expect(coverage(searchTerms('美金'), searchTokens('美元汇率多少').join(' '), '')).toBe(1)
  })

  it('when full-width letters are typed, then they match half-width ones', () => {
    expect(searchTokens('ＥＴＦ基金')).toContain('etf')
  })
})

describe('问中台 SLA (2 working hours, Mon–Fri 09:00–18:00 Beijing)', () => {
  it.each([
    ['2026-11-24T02:00:00.000Z', '2026-11-24T04:00:00.000Z', 'Tuesday 10:00 → 12:00'],
    ['2026-11-24T09:30:00.000Z', '2026-11-25T02:30:00.000Z', 'Tuesday 17:30 → Wednesday 10:30'],
    ['2026-11-27T12:00:00.000Z', '2026-11-30T03:00:00.000Z', 'Friday 20:00 → Monday 11:00'],
    ['2026-11-28T03:00:00.000Z', '2026-11-30T03:00:00.000Z', 'Saturday → Monday 11:00'],
    ['2026-11-23T23:00:00.000Z', '2026-11-24T03:00:00.000Z', 'Tuesday 07:00 → 11:00'],
  ])('when asked at %s, then due %s (%s)', (asked, due) => {
    expect(slaDueAt(new Date(asked)).toISOString()).toBe(due)
  })
})

describe('edit diff and CSV writer', () => {
  it('when a manager edits an answer, then the diff keeps CJK characters whole', () => {
    expect(diffText('到账时间为T+1日', '到账时间一般为T+2日')).toEqual([
      { op: 'equal', text: '到账时间' },
      { op: 'insert', text: '一般' },
      { op: 'equal', text: '为T+' },
      { op: 'delete', text: '1' },
      { op: 'insert', text: '2' },
      { op: 'equal', text: '日' },
    ])
    expect(diffText('相同', '相同')).toEqual([{ op: 'equal', text: '相同' }])
  })

  it('when cells hold commas, quotes, line breaks or formulas, then they are quoted and defused', () => {
    expect(toCsv([['a,b', '他说"好"', '第一行\n第二行', '=1+1']])).toBe(
      '\ufeff"a,b","他说""好""","第一行\n第二行",\'=1+1\r\n',
    )
  })
})
