import { normalizeProvince } from '../../lib/ip-province.js'

/**
 * The 计入考核 rules as pure predicates, shared by the per-contact verdict (attribution.ts) and the
 * dashboard's per-period counts, so the two can never disagree.
 */
export const OUT_OF_PROVINCE_CAP = 0.2
export const BURST_WINDOW_MS = 30 * 60_000
export const BURST_SIZE = 10
const PEER_BANK = /银行|信用社|农商|农信|村镇|信用合作/

const BEIJING_MS = 8 * 3600_000

/** The calendar month (月考核, Beijing time) a verification falls in, as [start, end) instants. */
export function assessmentMonth(verifiedAt: string): { start: string; end: string } {
  const b = new Date(Date.parse(verifiedAt) + BEIJING_MS)
  const [y, m] = [b.getUTCFullYear(), b.getUTCMonth()]
  const iso = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - BEIJING_MS).toISOString()
  return { start: iso(y, m), end: iso(y, m + 1) }
}

export const isOutOfProvince = (ipProvince: string | null, homeProvince: string): boolean =>
  !!ipProvince && normalizeProvince(ipProvince) !== normalizeProvince(homeProvince)

/** Verifications counted per IP province (as `group by ip_province` returns them). */
export interface ProvinceCount {
  ip_province: string | null
  n: number
}

/** Share of a staff member's verifications this month made from outside their branch's province. */
export function outOfProvinceShare(
  counts: readonly ProvinceCount[],
  homeProvince: string,
): { total: number; outside: number; share: number } {
  let [total, outside] = [0, 0]
  for (const c of counts) {
    total += Number(c.n)
    if (isOutOfProvince(c.ip_province, homeProvince)) outside += Number(c.n)
  }
  return { total, outside, share: total ? outside / total : 0 }
}

/** Out-of-province verifications a month of `total` may hold and keep the share ≤ 20%. */
export const outOfProvinceAllowance = (total: number): number => Math.floor(total / 5)

/**
 * "超出部分待复核": in order of verification (time, then contact), the first out-of-province verifications of
 * the month that keep the share ≤ 20% count; only later ones beyond the allowance are flagged. The allowance
 * only grows as the month's verifications do, so a verification that counted never flips to flagged.
 */
export const isOutOfProvinceExcess = (outsideBefore: number, monthTotal: number): boolean =>
  outsideBefore >= outOfProvinceAllowance(monthTotal)

/** Verifications are ordered by time, then contact id: the order both the profile and the dashboard rank by. */
export const verifiedBefore = (
  a: { verified_at: string; external_userid: string },
  b: { verified_at: string; external_userid: string },
): boolean =>
  a.verified_at < b.verified_at || (a.verified_at === b.verified_at && a.external_userid < b.external_userid)

/** First add of the customer by anyone at the bank: `first` is the earliest relation over every bound identity. */
export const isFirstAdd = (
  first: { staff_userid: string; add_time: string } | undefined,
  relation: { staff_userid: string; add_time: string },
): boolean => !first || (first.staff_userid === relation.staff_userid && first.add_time === relation.add_time)

export const isPeerBankContact = (relation: { type: number; corp_name: string | null }): boolean =>
  relation.type === 2 && !!relation.corp_name && PEER_BANK.test(relation.corp_name)
