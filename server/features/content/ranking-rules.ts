import { TOPIC_LABELS, type ContentTopic } from '../../contracts/content.js'
import { customerRiskLabel, productRiskLabel } from '../../contracts/risk-levels.js'
import type { ContentRow } from './content-mapper.js'

const SEGMENT_LABELS: Record<string, string> = {
  private: '私行',
  wealth: '财富',
  vip: '贵宾',
  payroll: '代发',
  mass: '大众',
}
const RISK_ORDER = ['R1', 'R2', 'R3', 'R4', 'R5']
/** Over-sending is what gets staff deleted and blocked; warn from this many items a week. */
export const WEEKLY_WARN_AT = 3
export const REPEAT_WINDOW_DAYS = 30

/** What the rules may know about the contact; `known` = bound to a CRM customer. */
export interface ContactFit {
  known: boolean
  segment: string | null
  riskLevel: string | null
  riskExpired: boolean
  age: number | null
  tags: string[]
  holdingTypes: Set<string>
  maturingDeposit: boolean
}

export interface ItemVerdict {
  /** `assessment`: product content while the customer's 风险测评 is expired or missing (blocked, not warned). */
  excluded?: 'recent' | 'unsuitable' | 'assessment'
  score: number
  reasons: string[]
  warnings: string[]
}

// Which holdings make a topic relevant, and the few words that say so.
const HOLDING_MATCH: Partial<Record<ContentTopic, Array<[string, string, number]>>> = {
  fund: [['fund', '持有基金', 3]],
  gold: [['gold', '持有黄金', 3]],
  fx: [['fx', '持有外汇', 3]],
  insurance: [['insurance', '已有保险保障', 2]],
  wealth: [['wealth', '持有理财', 2]],
}

/** Scores one live item for one contact; exclusions are never shown, warnings are shown with the item. */
export function judgeItem(
  item: Pick<
    ContentRow,
    'approved_at' | 'chart_symbol' | 'kind' | 'min_risk_level' | 'root_id' | 'segments' | 'tags' | 'topic'
  >,
  fit: ContactFit,
  recentRoots: Set<number>,
  now: Date,
): ItemVerdict {
  const v: ItemVerdict = { score: 1, reasons: [], warnings: [] }
  if (recentRoots.has(Number(item.root_id))) return { ...v, excluded: 'recent' }
  const segments: string[] = JSON.parse(item.segments)
  if (segments.length) {
    if (!fit.known || !fit.segment || !segments.includes(fit.segment)) return { ...v, excluded: 'unsuitable' }
    v.score += 3
    v.reasons.push(`面向${SEGMENT_LABELS[fit.segment] ?? fit.segment}客户`)
  }
  if (item.min_risk_level) {
    // Suitability: never suggest product content above the customer's assessed risk level, nor on an
    // expired or missing assessment (the bank's rule: re-assess first, then recommend).
    if (fit.known && (!fit.riskLevel || fit.riskExpired)) return { ...v, excluded: 'assessment' }
    if (!fit.riskLevel || RISK_ORDER.indexOf(fit.riskLevel) < RISK_ORDER.indexOf(item.min_risk_level))
      return { ...v, excluded: 'unsuitable' }
    v.reasons.push(`客户 ${customerRiskLabel(fit.riskLevel)} 可购买 ${productRiskLabel(item.min_risk_level)}`)
  }
  const topic = item.topic
  const chartTopic: ContentTopic =
    item.kind === 'chart'
      ? item.chart_symbol === 'XAUUSD'
        ? 'gold'
        : item.chart_symbol === 'USDCNY'
          ? 'fx'
          : 'fund'
      : topic
  for (const [type, reason, points] of HOLDING_MATCH[chartTopic] ?? []) {
    if (fit.holdingTypes.has(type)) {
      v.score += points
      v.reasons.push(reason)
    }
  }
  if ((chartTopic === 'wealth' || chartTopic === 'deposit') && fit.maturingDeposit) {
    v.score += 4
    v.reasons.push('定期存款 30 天内到期')
  }
  const itemTags: string[] = JSON.parse(item.tags)
  for (const tag of itemTags.filter((t) => fit.tags.includes(t)).slice(0, 2)) {
    v.score += 2
    v.reasons.push(`标签：${tag}`)
  }
  if (fit.age !== null && fit.age >= 55 && ['deposit', 'insurance', 'wealth'].includes(chartTopic)) {
    v.score += 1
    v.reasons.push('年龄 55+，偏稳健')
  }
  if (fit.age !== null && fit.age < 35 && chartTopic === 'fund') {
    v.score += 1
    v.reasons.push('年轻客户，关注市场')
  }
  if (item.approved_at && now.getTime() - new Date(item.approved_at).getTime() < 7 * 86_400_000) {
    v.score += 1
    v.reasons.push('本周新上架')
  }
  if (!v.reasons.length) v.reasons.push(topic === 'general' ? '通用内容' : `${TOPIC_LABELS[topic]}资讯`)
  return v
}

/** Contact-level warnings shown above the list. */
export function contactWarnings(fit: ContactFit, sentThisWeek: number): string[] {
  const out: string[] = []
  if (sentThisWeek >= WEEKLY_WARN_AT) out.push(`本周已向该客户发送 ${sentThisWeek} 条内容，过于频繁容易被删除或拉黑`)
  if (!fit.known) out.push('客户尚未实名认证，仅推荐通用内容')
  else if (fit.riskExpired || !fit.riskLevel)
    out.push(
      `客户${fit.riskLevel ? '风险测评已过期' : '尚无风险测评'}，产品类内容暂不推荐、不可发送：请先邀请客户完成风险测评（手机银行或网点）`,
    )
  return out
}
