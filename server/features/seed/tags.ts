import type { Segment } from '../crm/index.js'
import type { Rng } from './prng.js'
import type { HoldingRow } from './rows.js'

export interface TagInput {
  segment: Segment
  age: number
  riskLevel: string | null
  holdings: readonly HoldingRow[]
  /** ISO date 30 days after `now`; maturities before it are "due soon". */
  dueBefore: string
}

/** A few CRM labels a manager would use to pick content (at most four). */
export function makeTags(rng: Rng, c: TagInput): string[] {
  const has = (type: string) => c.holdings.some((h) => h.product_type === type)
  const tags: string[] = []
  const add = (tag: string, p = 1) => {
    if (rng.chance(p)) tags.push(tag)
  }
  if (c.segment === 'payroll') add('代发工资')
  if (has('fund')) add('基金偏好', 0.8)
  if (has('gold')) add('关注黄金', 0.9)
  else add('关注黄金', 0.06)
  if (has('fx')) add('有外汇需求', 0.8)
  if (c.age >= 38 && c.age <= 55 && c.segment !== 'mass') add('有留学需求', 0.08)
  if (c.age >= 55 && c.age <= 60) add('临近退休', 0.8)
  if (c.age > 60) add('已退休', 0.6)
  if (c.holdings.some((h) => h.product_type === 'time_deposit' && (h.maturity_date ?? '9999') <= c.dueBefore))
    add('存款即将到期')
  if (has('insurance')) add('重视保障', 0.5)
  if (c.riskLevel === 'R4' || c.riskLevel === 'R5') add('风险偏好较高', 0.5)
  if (c.riskLevel === 'R1') add('保守稳健', 0.6)
  add('偏好线上渠道', c.age < 45 ? 0.25 : 0.08)
  add('不常到网点', 0.1)
  add('有房贷', c.age < 50 ? 0.08 : 0.02)
  return tags.slice(0, 4)
}
