import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks } from '../../../lib/collections.js'
import { addDays, dayStartIso } from '../days.js'
import { sumStaffMetricByStaff } from '../staff-daily.repository.js'
import { addsByStaff, linkFunnelByStaff, linksVerifiedInPeriodByStaff } from './cohorts.repository.js'
import { ownerShifts } from './period-owners.repository.js'

export interface CohortCounts {
  linksSent: number
  linksOpened: number
  verified: number
  verifiedWithoutLink: number
  newContacts: number
  staffAddsAccepted: number
}
const empty = (): CohortCounts => ({
  linksSent: 0,
  linksOpened: 0,
  verified: 0,
  verifiedWithoutLink: 0,
  newContacts: 0,
  staffAddsAccepted: 0,
})

/** WeCom add_way 1: the customer scanned the member's QR code — the customer asked, not the member. */
export const CUSTOMER_INITIATED_ADD_WAYS = [1]

/**
 * Per staff userid over [from, to] (Beijing days): the verification funnel as one cohort (links sent in the
 * period → of those opened → of those verified, so each step is at most the one before), verifications in the
 * period from anything else, and the adds of the period (the relations 计入考核 judges) with those the member initiated.
 */
export async function cohortCounts(
  db: Kysely<Database>,
  userids: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, CohortCounts>> {
  const out = new Map(userids.map((u) => [u, empty()]))
  const [start, end] = [dayStartIso(from), dayStartIso(addDays(to, 1))]
  for (const c of chunks([...userids])) {
    const links = await linkFunnelByStaff(db, c, start, end)
    for (const r of links)
      Object.assign(out.get(r.staff_userid)!, {
        linksSent: Number(r.sent),
        linksOpened: Number(r.opened),
        verified: Number(r.verified),
      })
    // Verifications of the period by event (the rollup survives erasure, bindings do not) less those from a
    // link of the period: what came from the app or an older link.
    const verifiedEvents = await sumStaffMetricByStaff(db, c, 'verified', from, to)
    const fromLinks = await linksVerifiedInPeriodByStaff(db, c, start, end)
    const linked = new Map(fromLinks.map((r) => [r.staff_userid, Number(r.n)]))
    for (const r of verifiedEvents)
      out.get(r.staff_userid)!.verifiedWithoutLink = Math.max(0, Number(r.n) - (linked.get(r.staff_userid) ?? 0))
    const adds = await addsByStaff(db, c, start, end, CUSTOMER_INITIATED_ADD_WAYS)
    for (const r of adds)
      Object.assign(out.get(r.staff_userid)!, { newContacts: Number(r.n), staffAddsAccepted: Number(r.staff) })
  }
  // Counted for whoever held the relation when the period ended, as 计入考核's adds are (period-eligibility.ts).
  for (const shift of await ownerShifts(db, start, end)) {
    const staffAdd = CUSTOMER_INITIATED_ADD_WAYS.includes(shift.addWay) ? 0 : 1
    for (const [userid, sign] of [
      [shift.staff_userid, -1],
      [shift.periodOwner, 1],
    ] as const) {
      const counts = out.get(userid)
      if (!counts) continue
      counts.newContacts += sign
      counts.staffAddsAccepted += sign * staffAdd
    }
  }
  return out
}
