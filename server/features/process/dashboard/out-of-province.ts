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
  verdictsWithMembersBindings,
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
  type Judged = { id: number; staffUserid: string; baseOk: boolean; verified_at: string; external_userid: string }
  const judged = new Map<number, Judged & { ip_province: string | null }>()
  for (const c of chunks([...home.keys()])) {
    const rows = await verdictsWithMembersBindings(db, c, start, end)
    for (const r of rows) {
      const id = Number(r.relation_id)
      if (judged.has(id)) continue
      judged.set(id, { ...r, id, staffUserid: r.staff_userid, baseOk: r.base_ok === 1 })
    }
  }
  const outside = [...judged.values()].filter((j) => isOutOfProvince(j.ip_province, home.get(j.staffUserid)!))
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
