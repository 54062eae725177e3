import { describe, expect, it } from 'vitest'
import { buildOrg } from '../../../server/features/seed/org.js'
import { createRng } from '../../../server/features/seed/prng.js'
import { DEFAULT_CUSTOMERS, DEFAULT_SEED } from '../../../server/features/seed/seed.js'

const orgFor = (customers: number) => buildOrg(createRng(DEFAULT_SEED, 'org'), customers)

describe('the demo org', () => {
  it('when the bank has the demo number of customers, then its staff are exactly the unsized org', () => {
    expect(orgFor(DEFAULT_CUSTOMERS).staff).toEqual(buildOrg(createRng(DEFAULT_SEED, 'org')).staff)
  })

  it('when the bank has a million customers, then it has a manager per 1,500 customers with unique userids, over 40 in every sub-branch, the first staff unchanged', () => {
    const small = orgFor(DEFAULT_CUSTOMERS)
    const large = orgFor(1_000_000)
    expect(large.activeFront).toHaveLength(Math.ceil(1_000_000 / 1_500))
    expect(large.staff.slice(0, small.staff.length)).toEqual(small.staff)
    expect(new Set(large.staff.map((s) => s.wecom_userid)).size).toBe(large.staff.length)
    // Every sub-branch gets its share: no branch is left with the demo's three or four.
    const perBranch = [...large.frontByBranch.values()].map((list) => list.length)
    expect(Math.min(...perBranch)).toBeGreaterThan(40)
  })
})
