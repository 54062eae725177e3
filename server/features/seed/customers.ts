import type { Segment } from '../crm/index.js'
import { addDays, daysInMonth, isoDate } from './dates.js'
import { BRANCHES, PROVINCES, REGION_CODES } from './geography.js'
import { makeHoldings } from './holdings.js'
import { buildIdNo } from './id-card.js'
import { randomName } from './names.js'
import type { Org } from './org.js'
import { createRng } from './prng.js'
import { drawAge, drawAumYuan, drawRisk, NO_ACCOUNT_SHARE, OWNED_SHARE, SEGMENT_MIX } from './profile.js'
import type { HoldingRow, PlainCustomerRow, StaffRow } from './rows.js'
import { makeTags } from './tags.js'

export interface MadeCustomer {
  customer: PlainCustomerRow & {
    owner_staff_id: string | null
    has_account: number
    name: string
    phone: string
    province: string
  }
  holdings: HoldingRow[]
}

export type CustomerFactory = (index: number, forcedOwner?: StaffRow) => MadeCustomer

const SUB_WEIGHTS = BRANCHES.filter((b) => b.level === 'sub').map((b) => [b.id, b.weight] as const)
const BRANCH_PROVINCE = new Map(BRANCHES.map((b) => [b.id, b.province]))
const REGION_INDEX = new Map(
  Object.values(REGION_CODES)
    .flat()
    .map((code, i) => [code, i]),
)

export const cifNo = (index: number) => `C${String(index + 1).padStart(10, '0')}`

/**
 * Builds customer `index` (0-based) and its holdings. `forcedOwner` places the customer in that
 * manager's book with an account, for the demo's guaranteed verifiable contacts.
 */
export function createCustomerFactory(
  seed: number,
  org: Org,
  now: Date,
  phoneFor: (index: number) => string,
): CustomerFactory {
  const rng = createRng(seed, 'customers')
  const issuedIds = new Set<number>()
  const dueBefore = isoDate(addDays(now, 30))

  const idNo = (province: string, birthYear: number, gender: 'M' | 'F'): string => {
    for (;;) {
      const region = rng.pick(REGION_CODES[province]!)
      const month = rng.int(1, 12)
      const day = rng.int(1, daysInMonth(birthYear, month))
      const seq = rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0)
      const date = birthYear * 10_000 + month * 100 + day
      // Two people never share an ID number; redraw on the rare collision.
      const key = REGION_INDEX.get(region)! * 1e11 + date * 1000 + seq
      if (issuedIds.has(key)) continue
      issuedIds.add(key)
      return buildIdNo(region, String(date), seq)
    }
  }

  return (index, forcedOwner) => {
    const segment: Segment = rng.weighted(SEGMENT_MIX)
    const branchId = forcedOwner?.branch_id ?? rng.weighted(SUB_WEIGHTS)
    const branchProvince = BRANCH_PROVINCE.get(branchId)!
    const province = rng.chance(0.92) ? branchProvince : rng.pick(PROVINCES)
    const gender = rng.chance(0.5) ? 'M' : 'F'
    const age = drawAge(rng, segment)
    const birthYear = now.getUTCFullYear() - age
    const { name } = randomName(rng, gender, birthYear)
    const hasAccount = forcedOwner || !rng.chance(NO_ACCOUNT_SHARE[segment]) ? 1 : 0
    const owned = forcedOwner !== undefined || rng.chance(OWNED_SHARE[segment])
    const owner = forcedOwner ?? (owned ? rng.pick(org.frontByBranch.get(branchId)!) : null)
    const aumCents = hasAccount ? Math.round(drawAumYuan(rng, segment) * 100) : 0
    const risk = drawRisk(rng, segment)
    const cif = cifNo(index)
    const holdings = hasAccount ? makeHoldings(rng, cif, segment, aumCents, now) : []
    const tags = makeTags(rng, { segment, age, riskLevel: risk.level, holdings, dueBefore })
    return {
      customer: {
        cif_no: cif,
        name,
        phone: phoneFor(index),
        id_no: idNo(province, birthYear, gender),
        birth_year: birthYear,
        gender,
        segment,
        aum_cents: aumCents,
        risk_level: risk.level,
        risk_assessed_at: risk.assessedDaysAgo === null ? null : isoDate(addDays(now, -risk.assessedDaysAgo)),
        owner_staff_id: owner?.id ?? null,
        branch_id: branchId,
        has_account: hasAccount,
        province,
        tags: JSON.stringify(tags),
      },
      holdings,
    }
  }
}
