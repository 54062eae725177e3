import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks } from '../../../lib/collections.js'
import { addDays, dayStartIso } from '../days.js'
import type { ScopedStaff } from '../staff.repository.js'
import { ruleSumsByStaff, verdictsHeldBy } from './add-verdicts.repository.js'
import { flaggedAdds } from './out-of-province.js'
import { ownerShifts, type OwnerShift } from './period-owners.repository.js'
import { countAdd, emptyCounts, type AddVerdict, type Flag, type RuleCounts, type Verdict } from './rule-counts.js'

const periodBounds = (from: string, to: string) => [dayStartIso(from), dayStartIso(addDays(to, 1))] as const

/** Each member's rule counts over the adds in [from, to] (Beijing days), counted in the database. */
export async function periodRuleCounts(
  db: Kysely<Database>,
  staff: readonly ScopedStaff[],
  from: string,
  to: string,
): Promise<Map<string, RuleCounts>> {
  const out = new Map(staff.map((s) => [s.userid, emptyCounts()]))
  if (!staff.length) return out
  const [start, end] = periodBounds(from, to)
  for (const c of chunks(staff.map((s) => s.userid))) {
    const rows = await ruleSumsByStaff(db, c, start, end)
    for (const r of rows) {
      Object.assign(out.get(r.staff_userid)!, {
        adds: Number(r.adds),
        eligible: Number(r.baseOk),
        unverified: Number(r.unverified),
        noAccount: Number(r.noAccount),
        notOwnBook: Number(r.notOwnBook),
        notFirstAdd: Number(r.notFirstAdd),
        peerBank: Number(r.peerBank),
        severalStaff: Number(r.severalStaff),
        burst: Number(r.burst),
      })
    }
  }
  const shifts = await ownerShifts(db, start, end)
  for (const shift of shifts) {
    const from = out.get(shift.staff_userid)
    const to = out.get(shift.periodOwner)
    if (from) countAdd(from, shift, -1)
    if (to) countAdd(to, shift, 1)
  }
  // A flag goes with the add: to whoever it counts for in this period (the holder at its end).
  const periodOwnerOf = new Map(shifts.map((s) => [s.relation_id, s.periodOwner]))
  for (const [relationId, f] of await flaggedAdds(db, staff, start, end)) {
    const counts = out.get(periodOwnerOf.get(relationId) ?? f.staffUserid)
    if (!counts) continue
    counts.outOfProvinceFlagged++
    if (f.baseOk) counts.eligible--
  }
  return out
}

/** One member's adds in [from, to] with every verdict (by who held each relation when the period ended). */
export async function periodAdds(
  db: Kysely<Database>,
  member: ScopedStaff,
  from: string,
  to: string,
): Promise<AddVerdict[]> {
  const [start, end] = periodBounds(from, to)
  const shifts: OwnerShift[] = await ownerShifts(db, start, end)
  const shiftedIn = shifts.filter((s) => s.periodOwner === member.userid).map((s) => s.relation_id)
  const shiftedAway = new Set(shifts.filter((s) => s.periodOwner !== member.userid).map((s) => s.relation_id))
  const held = await verdictsHeldBy(db, member.userid, shiftedIn, start, end)
  const rows = held.filter((r) => !shiftedAway.has(Number(r.relation_id)))
  const flagged = await flaggedAdds(db, [member], start, end)
  return rows.map((r) => {
    const outOfProvince: Verdict = flagged.has(Number(r.relation_id)) ? 'flagged' : 'pass'
    const flags: Flag[] = []
    if (r.peer_bank) flags.push('peer_bank_contact')
    if (r.several_staff) flags.push('added_by_several_staff')
    if (r.burst) flags.push('add_burst')
    return {
      staffUserid: member.userid,
      externalUserid: r.external_userid,
      name: r.name,
      addTime: r.add_time,
      cifNo: r.cif_no,
      segment: r.segment,
      rules: {
        verified: r.verified,
        has_account: r.has_account,
        in_book: r.in_book,
        first_add: r.first_add,
        out_of_province: outOfProvince,
      },
      counts: r.base_ok === 1 && outOfProvince === 'pass',
      flags,
    }
  })
}
