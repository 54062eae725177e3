import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGION_CODES } from '../../../server/features/seed/geography.js'
import { isValidIdNo } from '../../../server/features/seed/id-card.js'
import { openCustomer } from '../support/pii.js'
import type { TestDb } from '../support/test-db.js'
import { seededTestDb } from './seeded-db.js'

describe('seedDemoBank CRM and organisation', () => {
  let testDb: TestDb
  let branches: { id: string; level: string; parent_id: string | null; province: string }[]
  let staff: { id: string; wecom_userid: string | null; role: string; branch_id: string; active: number }[]
  let customers: Awaited<ReturnType<typeof loadCustomers>>
  const loadCustomers = async () =>
    (await testDb.db.kysely.selectFrom('customers').selectAll().orderBy('cif_no').execute()).map(openCustomer)

  beforeAll(async () => {
    testDb = await seededTestDb()
    branches = await testDb.db.kysely.selectFrom('branches').selectAll().execute()
    staff = await testDb.db.kysely.selectFrom('staff').selectAll().execute()
    customers = await loadCustomers()
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('when seeded, then there is one head office, three branches and sub-branches in at least six provinces', () => {
    expect(branches.filter((b) => b.level === 'head')).toHaveLength(1)
    expect(new Set(branches.filter((b) => b.level === 'branch').map((b) => b.province)).size).toBe(3)
    const subs = branches.filter((b) => b.level === 'sub')
    expect(subs.length).toBeGreaterThanOrEqual(10)
    expect(new Set(subs.map((b) => b.province)).size).toBeGreaterThanOrEqual(6)
  })

  it('when seeded, then every sub-branch has a supervisor and 3–5 active front-office staff, and middle office can review itself', () => {
    for (const sub of branches.filter((b) => b.level === 'sub')) {
      const here = staff.filter((s) => s.branch_id === sub.id && s.active === 1)
      expect(here.filter((s) => s.role === 'supervisor')).toHaveLength(1)
      expect(here.filter((s) => s.role === 'front').length).toBeGreaterThanOrEqual(3)
      expect(here.filter((s) => s.role === 'front').length).toBeLessThanOrEqual(5)
    }
    expect(staff.filter((s) => s.role === 'middle' && s.active === 1).length).toBeGreaterThanOrEqual(2)
    expect(staff.some((s) => s.active === 0)).toBe(true)
    expect(new Set(staff.map((s) => s.wecom_userid)).size).toBe(staff.length)
  })

  it('when seeded, then the segment mix is close to 1/6/13/30/50 percent', () => {
    const share = (segment: string) => customers.filter((c) => c.segment === segment).length / customers.length
    expect(share('private')).toBeGreaterThan(0.003)
    expect(share('private')).toBeLessThan(0.02)
    expect(Math.abs(share('wealth') - 0.06)).toBeLessThan(0.02)
    expect(Math.abs(share('vip') - 0.13)).toBeLessThan(0.03)
    expect(Math.abs(share('payroll') - 0.3)).toBeLessThan(0.04)
    expect(Math.abs(share('mass') - 0.5)).toBeLessThan(0.04)
  })

  it("when a customer has an owner, then the owner is an active front-office staff of the customer's sub-branch", () => {
    const byId = new Map(staff.map((s) => [s.id, s]))
    for (const c of customers) {
      if (c.owner_staff_id === null) {
        expect(['payroll', 'mass']).toContain(c.segment)
        continue
      }
      const owner = byId.get(c.owner_staff_id)
      expect(owner).toMatchObject({ role: 'front', branch_id: c.branch_id, active: 1 })
    }
  })

  it("when seeded, then ID numbers carry a valid check digit and a region of the customer's province, and phones are unique mobiles", () => {
    for (const c of customers) {
      expect(isValidIdNo(c.id_no), c.id_no).toBe(true)
      expect(REGION_CODES[c.province]).toContain(c.id_no.slice(0, 6))
      expect(c.id_no.slice(6, 10)).toBe(String(c.birth_year))
      expect(Number(c.id_no[16]) % 2).toBe(c.gender === 'M' ? 1 : 0)
      expect(c.phone).toMatch(/^1[3-9]\d{9}$/)
    }
    expect(new Set(customers.map((c) => c.phone)).size).toBe(customers.length)
    expect(new Set(customers.map((c) => c.id_no)).size).toBe(customers.length)
  })

  it('when seeded, then AUM bands follow the segment and holdings add up to the AUM', async () => {
    const sums = await testDb.db.kysely
      .selectFrom('holdings')
      .select([
        'cif_no',
        (eb) => eb.fn.sum<number>('amount_cents').as('total'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy('cif_no')
      .execute()
    const byCif = new Map(sums.map((s) => [s.cif_no, s]))
    for (const c of customers.filter((c) => c.has_account === 1)) {
      const yuan = c.aum_cents / 100
      if (c.segment === 'private') expect(yuan).toBeGreaterThanOrEqual(6_000_000)
      if (c.segment === 'wealth') expect(yuan >= 500_000 && yuan < 6_000_000).toBe(true)
      if (c.segment === 'vip') expect(yuan >= 50_000 && yuan < 500_000).toBe(true)
      if (c.segment === 'mass') expect(yuan).toBeLessThan(50_000)
      const h = byCif.get(c.cif_no)!
      expect(Number(h.total)).toBe(c.aum_cents)
      expect(Number(h.n)).toBeGreaterThanOrEqual(1)
      expect(Number(h.n)).toBeLessThanOrEqual(5)
    }
    const withoutAccount = customers.filter((c) => c.has_account === 0)
    expect(withoutAccount.length / customers.length).toBeLessThan(0.06)
    for (const c of withoutAccount) expect(byCif.has(c.cif_no)).toBe(false)
  })

  it('when seeded, then some risk assessments are expired and some term products mature within 30 days', async () => {
    const assessed = customers.filter((c) => c.risk_assessed_at !== null)
    const expired = assessed.filter((c) => c.risk_assessed_at! < '2025-11-23')
    expect(expired.length / assessed.length).toBeGreaterThan(0.08)
    expect(expired.length / assessed.length).toBeLessThan(0.22)
    const dueSoon = await testDb.db.kysely
      .selectFrom('holdings')
      .select('id')
      .where('maturity_date', '>=', '2026-11-23')
      .where('maturity_date', '<=', '2026-12-23')
      .execute()
    expect(dueSoon.length).toBeGreaterThan(10)
    for (const c of customers) expect(Array.isArray(JSON.parse(c.tags))).toBe(true)
  })
})
