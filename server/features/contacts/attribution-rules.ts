import { normalizeProvince } from '../../lib/ip-province.js'

/**
 * The 计入考核 rules as pure predicates, shared by the per-contact verdict (attribution.ts) and the
 * dashboard's per-period counts, so the two can never disagree.
 */
export const OUT_OF_PROVINCE_CAP = 0.2
export const BURST_WINDOW_MS = 30 * 60_000
export const BURST_SIZE = 10
const PEER_BANK = /银行|信用社|农商|农信|村镇|信用合作/

/** The out-of-province share is judged over the calendar month (月考核) of `now`. */
export const assessmentMonthStart = (now: Date): string => `${now.toISOString().slice(0, 7)}-01`

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

/** Above the cap every out-of-province verification is flagged for review (the excess is shown, not dropped). */
export const isFlaggedOutOfProvince = (mine: string | null | undefined, homeProvince: string, share: number): boolean =>
  mine !== undefined && isOutOfProvince(mine, homeProvince) && share > OUT_OF_PROVINCE_CAP

/** First add of the customer by anyone at the bank: `first` is the earliest relation over every bound identity. */
export const isFirstAdd = (
  first: { staff_userid: string; add_time: string } | undefined,
  relation: { staff_userid: string; add_time: string },
): boolean => !first || (first.staff_userid === relation.staff_userid && first.add_time === relation.add_time)

export const isPeerBankContact = (relation: { type: number; corp_name: string | null }): boolean =>
  relation.type === 2 && !!relation.corp_name && PEER_BANK.test(relation.corp_name)
