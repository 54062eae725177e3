/**
 * Compliance checks shared by every reviewed library (content items, Q&A answers, edited sends).
 *
 * - `checkCompliance(db, { fields, topic, links?, disclaimer? }, { publicBaseUrl? })` → findings:
 *   BANNED_PHRASE (phrases from `banned_phrases`, negated uses like 不保本 pass), YIELD_PROMISE
 *   (年化收益率/预期收益 wording without a disclaimer blocks; with one it warns), MISSING_DISCLAIMER
 *   (investment topics), LINK_NOT_ALLOWED (hosts outside `link_allowlist` and PUBLIC_BASE_URL's host;
 *   links are also picked out of the field texts).
 * - `hasBlocking(findings)`: true when any finding must stop a submit or a send.
 * - `INVESTMENT_TOPICS`: topics that need a 风险提示.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

export type ComplianceCode = 'BANNED_PHRASE' | 'YIELD_PROMISE' | 'MISSING_DISCLAIMER' | 'LINK_NOT_ALLOWED'

export interface ComplianceFinding {
  code: ComplianceCode
  severity: 'block' | 'warn'
  /** Which input field, e.g. `body`, `title`, `disclaimer`, `link`. */
  field: string
  /** Chinese, shown inline next to the field. */
  message: string
  excerpt?: string
}

export interface ComplianceInput {
  /** Texts to scan, by field name. */
  fields: Record<string, string>
  topic: string
  links?: string[]
  disclaimer?: string | null
}

export interface ComplianceOptions {
  /** Our own host is always allowed (tracked links, the customer page). */
  publicBaseUrl?: string
}

export const INVESTMENT_TOPICS: readonly string[] = ['fund', 'gold', 'fx', 'insurance', 'wealth']

// A banned phrase right after a negation is a disclosure (本产品不保本), not a promise.
const NEGATIONS = ['不', '非', '并非', '不是', '并不', '无法', '不能', '不会', '未']
const YIELD_WORDS = /(预期年化收益率?|年化收益率?|预期收益率?|业绩比较基准|年化回报率?)/g
const URL_IN_TEXT = /https?:\/\/[^\s"'<>，。；）)]+/gi

export const hasBlocking = (findings: readonly ComplianceFinding[]) => findings.some((f) => f.severity === 'block')

function excerptAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 8)
  const end = Math.min(text.length, index + length + 8)
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}

function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 2), index)
  return NEGATIONS.some((n) => before.endsWith(n))
}

function bannedPhraseFindings(
  fields: Record<string, string>,
  phrases: { phrase: string; severity: 'block' | 'warn' }[],
): ComplianceFinding[] {
  const out: ComplianceFinding[] = []
  for (const [field, text] of Object.entries(fields)) {
    for (const { phrase, severity } of phrases) {
      let index = text.indexOf(phrase)
      while (index >= 0 && isNegated(text, index)) index = text.indexOf(phrase, index + phrase.length)
      if (index < 0) continue
      out.push({
        code: 'BANNED_PHRASE',
        severity,
        field,
        message: `含违规用语「${phrase}」，请删除或改写`,
        excerpt: excerptAt(text, index, phrase.length),
      })
    }
  }
  return out
}

function yieldFindings(fields: Record<string, string>, hasDisclaimer: boolean): ComplianceFinding[] {
  const out: ComplianceFinding[] = []
  for (const [field, text] of Object.entries(fields)) {
    const match = [...text.matchAll(YIELD_WORDS)][0]
    if (!match) continue
    out.push({
      code: 'YIELD_PROMISE',
      severity: hasDisclaimer ? 'warn' : 'block',
      field,
      message: hasDisclaimer
        ? `提及「${match[0]}」：请确认为历史业绩或业绩比较基准，并注明不代表未来收益`
        : `提及「${match[0]}」但没有风险提示，收益表述必须附风险提示`,
      excerpt: excerptAt(text, match.index, match[0].length),
    })
  }
  return out
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => host === a || host.endsWith(`.${a}`))
}

function linkFindings(input: ComplianceInput, allowed: readonly string[]): ComplianceFinding[] {
  const candidates: { field: string; url: string }[] = (input.links ?? []).map((url) => ({ field: 'link', url }))
  for (const [field, text] of Object.entries(input.fields)) {
    for (const m of text.matchAll(URL_IN_TEXT)) candidates.push({ field, url: m[0] })
  }
  const out: ComplianceFinding[] = []
  for (const { field, url } of candidates) {
    if (url.startsWith('/') && !url.startsWith('//')) continue
    let host: string | null = null
    try {
      const parsed = new URL(url)
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') host = parsed.hostname.toLowerCase()
    } catch {
      host = null
    }
    if (host && hostAllowed(host, allowed)) continue
    out.push({
      code: 'LINK_NOT_ALLOWED',
      severity: 'block',
      field,
      message: host ? `链接域名 ${host} 不在白名单内` : '链接格式不正确',
      excerpt: url.slice(0, 80),
    })
  }
  return out
}

/** Runs every check; findings come back in field order, blocking ones included. */
export async function checkCompliance(
  db: Kysely<Database>,
  input: ComplianceInput,
  opts: ComplianceOptions = {},
): Promise<ComplianceFinding[]> {
  const [phrases, hosts] = await Promise.all([
    db.selectFrom('banned_phrases').select(['phrase', 'severity']).orderBy('phrase').execute(),
    db.selectFrom('link_allowlist').select('host').execute(),
  ])
  const allowed = hosts.map((h) => h.host.toLowerCase())
  if (opts.publicBaseUrl) allowed.push(new URL(opts.publicBaseUrl).hostname.toLowerCase())
  const hasDisclaimer = Boolean(input.disclaimer?.trim())
  const findings = [...bannedPhraseFindings(input.fields, phrases), ...yieldFindings(input.fields, hasDisclaimer)]
  if (INVESTMENT_TOPICS.includes(input.topic) && !hasDisclaimer) {
    findings.push({
      code: 'MISSING_DISCLAIMER',
      severity: 'block',
      field: 'disclaimer',
      message: '投资类内容（基金、黄金、外汇、保险、理财）必须填写风险提示',
    })
  }
  findings.push(...linkFindings(input, allowed))
  return findings
}
