import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks, groupBy } from '../../../lib/collections.js'
import {
  assessmentMonth,
  isOutOfProvince,
  isOutOfProvinceExcess,
  outOfProvinceAllowance,
  outOfProvinceShare,
  verifiedBefore,
} from '../../contacts/index.js'
import type { ScopedStaff } from '../staff.repository.js'
import {
  bindingsOfMembers,
  verdictsOfMembersContacts,
  verificationsByProvince,
  verificationsOfMonth,
} from './out-of-province.repository.js'

/**
 * Out-of-province, judged when read because it moves with the month: of the adds in [start, end), those whose
 * first binding by the member is an out-of-province verification beyond the 20% allowance of its month
 * (attribution-rules.ts, the profile's rule). Only members over the allowance have their month read row by row.
 */
export async function flaggedAdds(
  db: Kysely<Database>,
  staff: readonly ScopedStaff[],
  start: string,
  end: string,
): Promise<Map<number, { staffUserid: string; baseOk: boolean }>> {
  const flagged = new Map<number, { staffUserid: string; baseOk: boolean }>()
  const home = new Map(staff.map((s) => [s.userid, s.province]))
  const outside = await addsWithOutsideFirstBinding(db, home, start, end)
  for (const [month, list] of groupBy(outside, (j) => assessmentMonth(j.verified_at).start)) {
    const { end: monthEnd } = assessmentMonth(list[0]!.verified_at)
    for (const [userid, mine] of groupBy(list, (j) => j.staffUserid)) {
      const counts = await verificationsByProvince(db, userid, month, monthEnd)
      const share = outOfProvinceShare(counts, home.get(userid)!)
      if (share.outside <= outOfProvinceAllowance(share.total)) continue
      const month_ = await verificationsOfMonth(db, userid, month, monthEnd)
      const outsideOfMonth = month_.filter((b) => isOutOfProvince(b.ip_province, home.get(userid)!))
      for (const j of mine) {
        const before = outsideOfMonth.filter((b) => verifiedBefore(b, j)).length
        if (isOutOfProvinceExcess(before, share.total)) flagged.set(j.id, { staffUserid: userid, baseOk: j.baseOk })
      }
    }
  }
  return flagged
}

interface OutsideAdd {
  id: number
  staffUserid: string
  baseOk: boolean
  verified_at: string
  external_userid: string
}

/**
 * The adds in [start, end) whose first binding by their member is out of the member's province. Read from the
 * members' bindings, not from their month of adds: at bank scale a branch's month is 200,000 verdicts, its
 * managers' first bindings out of province a few hundred (then their verdicts are read by contact).
 */
async function addsWithOutsideFirstBinding(
  db: Kysely<Database>,
  home: ReadonlyMap<string, string>,
  start: string,
  end: string,
): Promise<OutsideAdd[]> {
  const key = (b: { staff_userid: string; external_userid: string }) => `${b.staff_userid} ${b.external_userid}`
  const outside: OutsideAdd[] = []
  for (const members of chunks([...home.keys()])) {
    type Binding = Awaited<ReturnType<typeof bindingsOfMembers>>[number]
    const first = new Map<string, Binding>()
    for (const b of await bindingsOfMembers(db, members)) if (!first.has(key(b))) first.set(key(b), b)
    const outsideFirst = [...first.values()].filter((b) => isOutOfProvince(b.ip_province, home.get(b.staff_userid)!))
    for (const part of chunks(outsideFirst)) {
      const bindingOf = new Map(part.map((b) => [key(b), b]))
      const contacts = [...new Set(part.map((b) => b.external_userid))]
      for (const v of await verdictsOfMembersContacts(db, members, contacts, start, end)) {
        const binding = bindingOf.get(key(v))
        if (!binding) continue
        outside.push({
          id: Number(v.relation_id),
          staffUserid: v.staff_userid,
          baseOk: v.base_ok === 1,
          verified_at: binding.verified_at,
          external_userid: v.external_userid,
        })
      }
    }
  }
  return outside
}
