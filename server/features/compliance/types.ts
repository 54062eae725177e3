/** Shapes shared by the compliance gate's parts; the public face re-exports them. */
export type RuleLevel = 'block' | 'warn'

export type RuleCategory =
  | 'principal_safety'
  | 'guaranteed_yield'
  | 'past_performance'
  | 'deposit_substitution'
  | 'superlative'
  | 'state_guarantee'
  | 'sales_pressure'
  | 'yield_disclosure'
  | 'disclaimer'
  | 'link'
  | 'lexicon'

export type ComplianceCode =
  'BANNED_PHRASE' | 'PROHIBITED_CLAIM' | 'YIELD_PROMISE' | 'MISSING_DISCLAIMER' | 'LINK_NOT_ALLOWED'

export interface Rule {
  id: string
  code: 'BANNED_PHRASE' | 'PROHIBITED_CLAIM'
  category: RuleCategory
  level: RuleLevel
  /** Chinese: why this wording is not allowed, shown to the author and the reviewer. */
  explanation: string
  /** The regulation the rule comes from. */
  source: string
  /** Matched against normalised text (simplified, lower case, no spaces inside Han runs). */
  pattern: RegExp
  /** Shown instead of the matched text, e.g. the lexicon phrase. */
  label?: string
  /** A match whose sentence contains this is a disclosure, not a claim (过往业绩不代表未来表现). */
  unless?: RegExp
}

export interface ComplianceFinding {
  code: ComplianceCode
  severity: RuleLevel
  /** Which input field, e.g. `body`, `title`, `disclaimer`, `link`. */
  field: string
  /** Chinese, shown inline next to the field. */
  message: string
  excerpt?: string
  ruleId?: string
  category?: RuleCategory
  source?: string
  /** UTF-16 offsets of the offending span in the field's original text. */
  start?: number
  end?: number
}

export interface ComplianceInput {
  /** Texts to scan, by field name. */
  fields: Record<string, string>
  topic: string
  links?: string[]
  disclaimer?: string | null
}

export interface ComplianceResult {
  blocking: ComplianceFinding[]
  warnings: ComplianceFinding[]
  /** Every finding in field order (blocking and warnings together). */
  findings: ComplianceFinding[]
  /** 风险提示 texts the outbound text must carry (already satisfied ones are left out by `withDisclosures`). */
  requiredDisclosures: string[]
  /** Built-in rule set + approved lexicon version, recorded with every check. */
  lexiconVersion: string
}
