import fc from 'fast-check'
import { Converter } from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { BUILTIN_RULES, evaluate, normalize } from '../../../server/features/compliance/index.js'
import { PROHIBITED_SENTENCES } from './prohibited-corpus.js'

const lexicon = { rules: BUILTIN_RULES, version: 'r-test' }
const toTraditional = Converter({ from: 'cn', to: 'tw' })
const HAN = /\p{Script=Han}/u
const SPACES = [' ', '\u3000', '\u00a0', '  ']
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad']
const SEPARATORS = ['-', '—', '·', '_', '*', '/', '.', '、', '~', '|']

type Evasion = (text: string, rnd: () => number) => string

function insertBetween(text: string, rnd: () => number, pool: string[], onlyHan: boolean): string {
  const chars = [...text]
  return chars
    .map((ch, i) => {
      const next = chars[i + 1]
      const gap = next !== undefined && (!onlyHan || (HAN.test(ch) && HAN.test(next)))
      return gap && rnd() < 0.5 ? ch + pool[Math.floor(rnd() * pool.length)] : ch
    })
    .join('')
}

const EVASIONS: Record<string, Evasion> = {
  spacing: (s, r) => insertBetween(s, r, SPACES, false),
  zeroWidth: (s, r) => insertBetween(s, r, ZERO_WIDTH, false),
  separators: (s, r) => insertBetween(s, r, SEPARATORS, true),
  fullWidth: (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000'),
  traditional: (s) => toTraditional(s),
  upperCase: (s) => s.toUpperCase(),
}
const NAMES = Object.keys(EVASIONS)

/** A seeded PRNG so a failing case replays from fast-check's seed. */
function prng(seed: number): () => number {
  let x = seed || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

const disguise = fc.record({
  sentence: fc.constantFrom(...PROHIBITED_SENTENCES),
  evasions: fc.subarray(NAMES, { minLength: 1 }),
  order: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
})

describe('prohibited claims under random evasions', () => {
  it('when a prohibited sentence is spaced, zero-width split, hyphenated, full-width, traditional or mixed, then it is blocked every time', () => {
    fc.assert(
      fc.property(disguise, ({ sentence, evasions, order, seed }) => {
        const rnd = prng(seed)
        const steps = order ? evasions : [...evasions].reverse()
        const text = steps.reduce((s, name) => EVASIONS[name]!(s, rnd), sentence)
        const result = evaluate({ fields: { body: text }, topic: 'general', disclaimer: '理财非存款' }, lexicon, [])
        expect(result.blocking.length, `${steps.join('+')}: ${JSON.stringify(text)}`).toBeGreaterThan(0)
        for (const f of result.blocking.filter((b) => b.start !== undefined)) {
          expect(f.start!).toBeLessThan(f.end!)
          expect(f.end!).toBeLessThanOrEqual(text.length)
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    )
  })

  it('when every evasion is applied at once to each sentence, then each is still blocked and the finding points at the original span', () => {
    for (const sentence of PROHIBITED_SENTENCES) {
      const rnd = prng(7)
      const text = NAMES.reduce((s, name) => EVASIONS[name]!(s, rnd), sentence)
      const result = evaluate({ fields: { body: text }, topic: 'general' }, lexicon, [])
      const f = result.blocking.find((b) => b.start !== undefined)
      expect(f, text).toBeDefined()
      const span = text.slice(f!.start, f!.end)
      expect(normalize(span).text.length).toBeGreaterThan(0)
      expect(HAN.test(span) || /\d/.test(span)).toBe(true)
    }
  })

  it('when a finding is reported on spaced traditional text, then its span is the original characters (穩 賺 不 賠)', () => {
    const text = '這款產品 穩 賺 不 賠！'
    const [f] = evaluate({ fields: { body: text }, topic: 'general' }, lexicon, []).blocking
    expect(text.slice(f!.start, f!.end)).toBe('穩 賺 不 賠')
    expect(f!.message).toContain('穩 賺 不 賠')
  })

  it('when negated disclosures are written, then nothing blocks', () => {
    for (const body of [
      '本产品不保本',
      '非保本浮动收益',
      '不承诺保本和最低收益',
      '理财非存款、产品有风险、投资须谨慎',
    ]) {
      for (const variant of [body, toTraditional(body), insertBetween(body, prng(3), SPACES, false)]) {
        expect(evaluate({ fields: { body: variant }, topic: 'general' }, lexicon, []).blocking, variant).toEqual([])
      }
    }
  })
})
