import type { Selectable } from 'kysely'
import type { AddVerdictsTable } from '../process.table.js'

export type RuleKey = 'verified' | 'has_account' | 'in_book' | 'first_add' | 'out_of_province'
export type Verdict = 'pass' | 'fail' | 'flagged' | 'unknown'
export type Flag = 'peer_bank_contact' | 'added_by_several_staff' | 'add_burst'

/** One add in the period with each rule's verdict, as the contact profile would show it. */
export interface AddVerdict {
  staffUserid: string
  externalUserid: string
  name: string
  addTime: string
  cifNo: string | null
  segment: string | null
  rules: Record<RuleKey, Verdict>
  counts: boolean
  flags: Flag[]
}

export type RuleCounts = ReturnType<typeof emptyCounts>
export const emptyCounts = () => ({
  adds: 0,
  eligible: 0,
  unverified: 0,
  noAccount: 0,
  notOwnBook: 0,
  notFirstAdd: 0,
  outOfProvinceFlagged: 0,
  peerBank: 0,
  severalStaff: 0,
  burst: 0,
})

export function sumCounts(list: RuleCounts[]): RuleCounts {
  const total = emptyCounts()
  for (const c of list) for (const k of Object.keys(total) as (keyof RuleCounts)[]) total[k] += c[k]
  return total
}

/** Adds (or, with -1, removes) one add's verdicts to a member's counts: what the SQL sums count per row. */
export function countAdd(c: RuleCounts, r: Selectable<AddVerdictsTable>, sign: 1 | -1) {
  const failed = (v: string) => (v === 'fail' ? sign : 0)
  c.adds += sign
  c.eligible += Number(r.base_ok) * sign
  c.unverified += failed(r.verified)
  c.noAccount += failed(r.has_account)
  c.notOwnBook += failed(r.in_book)
  c.notFirstAdd += failed(r.first_add)
  c.peerBank += Number(r.peer_bank) * sign
  c.severalStaff += Number(r.several_staff) * sign
  c.burst += Number(r.burst) * sign
}
