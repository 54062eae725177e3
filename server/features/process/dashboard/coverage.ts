import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { ScopedStaff } from './scope.js'

export const SEGMENTS = ['private', 'wealth', 'vip', 'payroll'] as const
export interface CoverageRow { segment: string; owned: number; covered: number }

/**
 * Coverage per owner and segment: owned customers with a verified binding to one of the owner's
 * live WeCom contacts ÷ owned customers (design §6).
 */
export async function coverageByStaff(db: Kysely<Database>, staff: ScopedStaff[]): Promise<Map<string, CoverageRow[]>> {
  const out = new Map<string, CoverageRow[]>()
  if (!staff.length) return out
  const rows = await db.selectFrom('customers as c')
    .innerJoin('staff as s', 's.id', 'c.owner_staff_id')
    .select((eb) => [
      's.wecom_userid as userid', 'c.segment',
      eb.fn.countAll<number>().as('owned'),
      eb.fn.sum<number>(eb.case().when(eb.exists(
        eb.selectFrom('bindings as b').innerJoin('wecom_contacts as wc', 'wc.external_userid', 'b.external_userid')
          .select(sql`1`.as('one')).whereRef('b.cif_no', '=', 'c.cif_no').whereRef('wc.staff_userid', '=', 's.wecom_userid').where('wc.deleted_at', 'is', null),
      )).then(1).else(0).end()).as('covered'),
    ])
    .where('c.owner_staff_id', 'in', staff.map((s) => s.id)).where('c.segment', 'in', [...SEGMENTS])
    .groupBy(['s.wecom_userid', 'c.segment']).execute()
  for (const r of rows) {
    if (!r.userid) continue
    out.set(r.userid, [...(out.get(r.userid) ?? []), { segment: r.segment, owned: Number(r.owned), covered: Number(r.covered) }])
  }
  return out
}

export function sumCoverage(lists: CoverageRow[][]): CoverageRow[] {
  return SEGMENTS.map((segment) => {
    const rows = lists.flat().filter((r) => r.segment === segment)
    return { segment, owned: rows.reduce((a, r) => a + r.owned, 0), covered: rows.reduce((a, r) => a + r.covered, 0) }
  })
}
