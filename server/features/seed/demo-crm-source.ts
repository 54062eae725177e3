import type {
  CrmCustomer,
  CrmEntity,
  CrmHolding,
  CrmPage,
  CrmPurchase,
  CrmRecords,
  CrmSource,
  NumberedRecord,
} from '../crm/index.js'
import { createCustomerFactory, type MadeCustomer } from './customers.js'
import { buildOrg } from './org.js'
import { createPhoneBook } from './phones.js'
import { createRng } from './prng.js'
import { DEFAULT_SEED } from './seed.js'

export interface DemoSourceOptions {
  now: Date
  seed?: number
  customers: number
  /** Customers per page (holdings and purchases page by their customers). */
  pageSize?: number
}

/**
 * The deterministic demo bank as a CrmSource: its branches, staff and customers (with holdings, and
 * a purchase per non-deposit holding). Cursors are customer positions, so a finished sync asked again
 * returns nothing new. Sample files and the fake CRM in the tests are made from it.
 */
export function demoCrmSource(opts: DemoSourceOptions): CrmSource {
  const seed = opts.seed ?? DEFAULT_SEED
  const pageSize = opts.pageSize ?? 500
  const org = buildOrg(createRng(seed, 'org'), opts.customers)
  let factory = newFactory()
  let position = 0
  function newFactory() {
    return createCustomerFactory(seed, org, opts.now, createPhoneBook(createRng(seed, 'phones')))
  }
  // The generator only runs forwards; asking for an earlier position starts it again.
  function customersFrom(start: number, count: number): MadeCustomer[] {
    if (start < position) [factory, position] = [newFactory(), 0]
    for (; position < start; position++) factory(position)
    const out: MadeCustomer[] = []
    for (; position < Math.min(start + count, opts.customers); position++) out.push(factory(position))
    return out
  }
  const whole = <E extends CrmEntity>(records: CrmRecords[E][]): CrmPage<E> => ({
    records: numbered(records),
    invalid: [],
    nextCursor: 'done',
    hasMore: false,
  })

  return {
    label: '演示银行',
    async fetchPage<E extends CrmEntity>(entity: E, cursor: string | null): Promise<CrmPage<E>> {
      if (entity === 'branches')
        return whole<E>(
          cursor
            ? []
            : (org.branches.map((b) => ({
                branchId: b.id,
                name: b.name,
                parentId: b.parent_id ?? null,
                level: b.level,
                province: b.province,
              })) as CrmRecords[E][]),
        )
      if (entity === 'staff')
        return whole<E>(
          cursor
            ? []
            : (org.staff.map((s) => ({
                employeeId: s.id,
                name: s.name,
                wecomUserid: s.wecom_userid,
                title: s.title,
                role: s.role,
                branchId: s.branch_id,
                active: s.active !== 0,
              })) as CrmRecords[E][]),
        )
      const start = cursor ? Number(cursor) : 0
      const made = customersFrom(start, pageSize)
      const end = start + made.length
      const records = made.flatMap((m) => recordsOf(entity, m)) as CrmRecords[E][]
      return { records: numbered(records), invalid: [], nextCursor: String(end), hasMore: end < opts.customers }
    },
  }
}

function numbered<E extends CrmEntity>(records: CrmRecords[E][]): NumberedRecord<E>[] {
  return records.map((record, i) => ({ rowNo: i + 1, record }))
}

function recordsOf(entity: CrmEntity, m: MadeCustomer): (CrmCustomer | CrmHolding | CrmPurchase)[] {
  const c = m.customer
  if (entity === 'customers') {
    return [
      {
        cifNo: c.cif_no,
        name: c.name,
        phone: c.phone,
        idNo: c.id_no,
        birthYear: c.birth_year,
        gender: c.gender,
        segment: c.segment,
        aumCents: c.aum_cents,
        riskLevel: c.risk_level ?? null,
        riskAssessedAt: c.risk_assessed_at ?? null,
        ownerEmployeeId: c.owner_staff_id,
        branchId: c.branch_id,
        hasAccount: c.has_account === 1,
        province: c.province,
        tags: JSON.parse(c.tags ?? '[]') as string[],
      },
    ]
  }
  const holdings: CrmHolding[] = m.holdings.map((h) => ({
    holdingId: h.holding_no!,
    cifNo: h.cif_no,
    productType: h.product_type,
    amountCents: h.amount_cents,
    openedAt: h.opened_at,
    maturityDate: h.maturity_date ?? null,
  }))
  if (entity === 'holdings') return holdings
  return holdings
    .filter((h) => h.productType !== 'demand_deposit')
    .map((h) => ({
      purchaseId: `P${h.holdingId}`,
      cifNo: h.cifNo,
      productType: h.productType,
      productCode: `${h.productType.toUpperCase()}-${h.openedAt.slice(0, 4)}`,
      productName: '',
      amountCents: h.amountCents,
      purchasedAt: `${h.openedAt}T02:00:00.000Z`,
      employeeId: c.owner_staff_id,
      channel: 'counter',
    }))
}
