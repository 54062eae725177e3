import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { listAllowedLinkHosts } from './checks.repository.js'
import { INVESTMENT_TOPICS, requiredDisclosures } from './disclosures.js'
import { loadLexicon, type Lexicon } from './lexicon.repository.js'
import { linkFindings } from './links.js'
import { excerptAt, scanField } from './matcher.js'
import { normalize, originalSpan } from './normalize.js'
import { SOURCES } from './sources.js'
import type { ComplianceFinding, ComplianceInput, ComplianceResult } from './types.js'

export interface CheckOptions {
  /** Our own host is always allowed (tracked links, the customer page). */
  publicBaseUrl?: string
}

const YIELD_WORDS = /预期年化收益率?|年化收益率?|预期收益率?|业绩比较基准|年化回报率?/u

// Quoting a yield is allowed only as a benchmark or past figure, and only with a 风险提示 beside it.
function yieldFindings(fields: Record<string, string>, hasDisclaimer: boolean): ComplianceFinding[] {
  const out: ComplianceFinding[] = []
  for (const [field, text] of Object.entries(fields)) {
    const n = normalize(text)
    const m = YIELD_WORDS.exec(n.text)
    if (!m) continue
    const { start, end } = originalSpan(n, m.index, m.index + m[0].length)
    out.push({
      code: 'YIELD_PROMISE',
      severity: hasDisclaimer ? 'warn' : 'block',
      field,
      category: 'yield_disclosure',
      source: SOURCES.wealthSales,
      message: hasDisclaimer
        ? `提及「${m[0]}」：请确认为历史业绩或业绩比较基准，并注明不代表未来收益`
        : `提及「${m[0]}」但没有风险提示，收益表述必须附风险提示`,
      excerpt: excerptAt(text, start, end),
      start,
      end,
    })
  }
  return out
}

/** Pure: every rule over every field, links, the 风险提示 requirement. */
export function evaluate(input: ComplianceInput, lexicon: Lexicon, allowedHosts: readonly string[]): ComplianceResult {
  const hasDisclaimer = Boolean(input.disclaimer?.trim())
  const findings: ComplianceFinding[] = []
  for (const [field, text] of Object.entries(input.fields)) findings.push(...scanField(field, text, lexicon.rules))
  if (input.disclaimer) findings.push(...scanField('disclaimer', input.disclaimer, lexicon.rules))
  findings.push(...yieldFindings(input.fields, hasDisclaimer))
  if (INVESTMENT_TOPICS.includes(input.topic) && !hasDisclaimer) {
    findings.push({
      code: 'MISSING_DISCLAIMER',
      severity: 'block',
      field: 'disclaimer',
      category: 'disclaimer',
      source: SOURCES.wealthSales,
      message: '投资类内容（基金、黄金、外汇、保险、理财）必须填写风险提示',
    })
  }
  findings.push(...linkFindings(input, allowedHosts))
  return {
    blocking: findings.filter((f) => f.severity === 'block'),
    warnings: findings.filter((f) => f.severity === 'warn'),
    findings,
    requiredDisclosures: requiredDisclosures(input.topic, Object.values(input.fields)),
    lexiconVersion: lexicon.version,
  }
}

/** The one compliance check: built-in rules + the approved lexicon, on normalised text. */
export async function checkText(
  db: Kysely<Database>,
  input: ComplianceInput,
  opts: CheckOptions = {},
): Promise<ComplianceResult> {
  const [lexicon, hosts] = await Promise.all([loadLexicon(db), listAllowedLinkHosts(db)])
  const allowed = hosts.map((h) => h.host.toLowerCase())
  if (opts.publicBaseUrl) allowed.push(new URL(opts.publicBaseUrl).hostname.toLowerCase())
  return evaluate(input, lexicon, allowed)
}
