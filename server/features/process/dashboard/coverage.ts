import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { groupBy } from '../../../lib/collections.js'
import type { StaffCoverageTable } from '../process.table.js'
import type { ScopedStaff } from '../staff.repository.js'
import { countOwnedAndCovered, storedCoverageOf } from './coverage.repository.js'

export const SEGMENTS = ['private', 'wealth', 'vip', 'payroll'] as const
export interface CoverageRow {
  segment: string
  owned: number
  covered: number
}

/**
 * Coverage per owner and segment, counted from the customers: owned customers with a verified binding to
 * one of the owner's live WeCom contacts ÷ owned customers (design §6). Every segment gets a row, so a
 * segment an owner no longer holds is overwritten with zeros. What `staff_coverage` stores.
 */
export async function countCoverage(
  db: Kysely<Database>,
  staffIds: readonly string[],
): Promise<Insertable<StaffCoverageTable>[]> {
  if (!staffIds.length) return []
  const rows = await countOwnedAndCovered(db, [...staffIds], [...SEGMENTS])
  const counted = new Map(rows.map((r) => [`${r.staffId}\u0000${r.segment}`, r]))
  return staffIds.flatMap((staffId) =>
    SEGMENTS.map((segment) => {
      const r = counted.get(`${staffId}\u0000${segment}`)
      return { staff_id: staffId, segment, owned: Number(r?.owned ?? 0), covered: Number(r?.covered ?? 0) }
    }),
  )
}

/** Coverage of each member in scope, from the rollup (brought up to date by the caller). */
export async function coverageByStaff(
  db: Kysely<Database>,
  staff: readonly ScopedStaff[],
): Promise<Map<string, CoverageRow[]>> {
  if (!staff.length) return new Map()
  const userOf = new Map(staff.map((s) => [s.id, s.userid]))
  const rows = await storedCoverageOf(db, [...userOf.keys()])
  return groupBy(
    rows,
    (r) => userOf.get(r.staff_id)!,
    (r) => ({ segment: r.segment, owned: Number(r.owned), covered: Number(r.covered) }),
  )
}

export function sumCoverage(lists: CoverageRow[][]): CoverageRow[] {
  return SEGMENTS.map((segment) => {
    const rows = lists.flat().filter((r) => r.segment === segment)
    return { segment, owned: rows.reduce((a, r) => a + r.owned, 0), covered: rows.reduce((a, r) => a + r.covered, 0) }
  })
}
