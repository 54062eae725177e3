import { normalize, originalSpan, type Normalized } from './normalize.js'
import type { ComplianceFinding, Rule } from './types.js'

// A prohibited word right after a negation is a disclosure (本产品不保本, 谨防"保本"骗局), and a negated claim
// verb covers the rest of its clause (不承诺保本和最低收益, 不得向您承诺收益或保本, 所谓"零风险、高回报").
const NEGATED_BEFORE =
  /(?:不(?![仅但只光止])|非|未|无|无法|难以|没有|并非|并不|不得|不可|不能|不会|不应|禁止|严禁|切勿|勿|无需|无须|谨防|警惕|防范|拒绝|所谓|号称|宣称|声称)(?:作出|做出|作|做|予|对)?(?:任何)?(?:存在|承诺|保证|担保|代表|等同于?|等于|意味着?|视为|构成|提供|作为|属于|是|能|可|会|一定|对|向|宣传|宣称|以)?(?:客户|您)?$/u
const NEGATED_CLAIM =
  /(?:不(?![仅但只光止])|未|没有|并不|不得|不可|不能|不会|不应|禁止|严禁|切勿|勿|谨防|警惕|防范|拒绝)[^,;!?。]{0,6}?(?:承诺|保证|宣传|宣称|声称|号称|所谓|相信|构成|代表|等同|视为|作为)|所谓|号称|宣称|声称/u
const CLAUSE_END = /[,.;!?:。\n]/u
const SENTENCE_END = /[.!?。\n]/u

function clauseBefore(text: string, index: number): string {
  let from = index
  while (from > 0 && index - from < 12 && !CLAUSE_END.test(text[from - 1]!)) from--
  return text.slice(from, index)
}

function sentenceAround(text: string, from: number, to: number): string {
  let a = from
  let b = to
  while (a > 0 && !SENTENCE_END.test(text[a - 1]!)) a--
  while (b < text.length && !SENTENCE_END.test(text[b]!)) b++
  return text.slice(a, b)
}

export function excerptAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 8)
  const to = Math.min(text.length, end + 8)
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`
}

interface Hit {
  rule: Rule
  from: number
  to: number
}

function hitsOf(n: Normalized, rules: readonly Rule[]): Hit[] {
  const hits: Hit[] = []
  for (const rule of rules) {
    for (const m of n.text.matchAll(rule.pattern)) {
      const from = m.index
      const to = from + m[0].length
      const before = clauseBefore(n.text, from)
      if (!m[0] || NEGATED_BEFORE.test(before) || NEGATED_CLAIM.test(before)) continue
      if (rule.unless?.test(sentenceAround(n.text, from, to))) continue
      hits.push({ rule, from, to })
    }
  }
  // Longest, blocking and built-in first, so 稳赚不赔 is reported once, with its regulation, rather than again as 稳赚.
  const rank = (h: Hit) => (h.rule.level === 'block' ? 0 : 2) + (h.rule.category === 'lexicon' ? 1 : 0)
  hits.sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from) || rank(a) - rank(b))
  const kept: Hit[] = []
  for (const h of hits) {
    const covered = kept.some(
      (k) => k.from <= h.from && h.to <= k.to && (k.rule.level === 'block' || h.rule.level === 'warn'),
    )
    if (!covered) kept.push(h)
  }
  return kept
}

/** Runs the rules over one field; findings carry the original span and text the author wrote. */
export function scanField(field: string, original: string, rules: readonly Rule[]): ComplianceFinding[] {
  const n = normalize(original)
  return hitsOf(n, rules).map(({ rule, from, to }) => {
    const { start, end } = originalSpan(n, from, to)
    const shown = rule.label ?? original.slice(start, end)
    return {
      code: rule.code,
      severity: rule.level,
      field,
      message: `含违规用语「${shown}」：${rule.explanation}（依据：${rule.source}）`,
      excerpt: excerptAt(original, start, end),
      ruleId: rule.id,
      category: rule.category,
      source: rule.source,
      start,
      end,
    }
  })
}
