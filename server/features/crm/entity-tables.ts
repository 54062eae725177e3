import type { Pii } from '../../lib/pii.js'
import type { CrmCustomer, CrmEntity, CrmRecords } from './records.js'

/** A reference from a record to another entity that must already exist (in the database or earlier in the run). */
export interface Reference<R> {
  /** Column key the problem is reported on. */
  column: string
  table: 'branches' | 'staff' | 'customers'
  idColumn: 'id' | 'cif_no'
  value(record: R): string | null
  reason: string
}

/** Where and how an entity's records are stored. */
export interface EntityTable<E extends CrmEntity> {
  table: 'branches' | 'staff' | 'customers' | 'holdings' | 'purchases'
  /** The unique column holding the bank's own id. */
  keyColumn: string
  refs: readonly Reference<CrmRecords[E]>[]
  toRow(record: CrmRecords[E], pii: Pii, now: Date): Record<string, unknown>
}

/** The encrypted and hashed form of a customer's phone and ID number. */
export function sealCustomerPii(pii: Pii, cifNo: string, phone: string, idNo: string) {
  return {
    phone_enc: pii.encrypt('phone', cifNo, phone),
    phone_hash: pii.hash('phone', phone) ?? '',
    id_no_enc: pii.encrypt('id_no', cifNo, idNo),
    id_no_hash: pii.hash('id_no', idNo) ?? '',
    pii_key_id: pii.activeKeyId,
  }
}

const branchRef = <R extends { branchId: string }>(column = 'branch_id'): Reference<R> => ({
  column,
  table: 'branches',
  idColumn: 'id',
  value: (r) => r.branchId,
  reason: '机构号不存在（请先导入机构）',
})
const customerRef = <R extends { cifNo: string }>(): Reference<R> => ({
  column: 'cif_no',
  table: 'customers',
  idColumn: 'cif_no',
  value: (r) => r.cifNo,
  reason: '客户号不存在（请先导入客户）',
})
const staffRef = <R>(column: string, value: (r: R) => string | null): Reference<R> => ({
  column,
  table: 'staff',
  idColumn: 'id',
  value,
  reason: '员工号不存在（请先导入员工）',
})

function customerRow(c: CrmCustomer, pii: Pii, now: Date) {
  return {
    cif_no: c.cifNo,
    name: c.name,
    ...sealCustomerPii(pii, c.cifNo, c.phone, c.idNo),
    birth_year: c.birthYear,
    gender: c.gender,
    segment: c.segment,
    aum_cents: c.aumCents,
    risk_level: c.riskLevel,
    risk_assessed_at: c.riskAssessedAt,
    owner_staff_id: c.ownerEmployeeId,
    branch_id: c.branchId,
    has_account: c.hasAccount ? 1 : 0,
    province: c.province,
    tags: JSON.stringify(c.tags),
    updated_at: now.toISOString(),
  }
}

export const ENTITY_TABLES: { readonly [E in CrmEntity]: EntityTable<E> } = {
  branches: {
    table: 'branches',
    keyColumn: 'id',
    refs: [
      {
        column: 'parent_id',
        table: 'branches',
        idColumn: 'id',
        value: (b) => b.parentId,
        reason: '上级机构号不存在（上级须先于下级出现）',
      },
    ],
    toRow: (b) => ({ id: b.branchId, name: b.name, parent_id: b.parentId, level: b.level, province: b.province }),
  },
  staff: {
    table: 'staff',
    keyColumn: 'id',
    refs: [branchRef()],
    toRow: (s) => ({
      id: s.employeeId,
      wecom_userid: s.wecomUserid,
      name: s.name,
      title: s.title,
      role: s.role,
      branch_id: s.branchId,
      active: s.active ? 1 : 0,
    }),
  },
  customers: {
    table: 'customers',
    keyColumn: 'cif_no',
    refs: [branchRef(), staffRef('owner_employee_id', (c) => c.ownerEmployeeId)],
    toRow: customerRow,
  },
  holdings: {
    table: 'holdings',
    keyColumn: 'holding_no',
    refs: [customerRef()],
    toRow: (h) => ({
      holding_no: h.holdingId,
      cif_no: h.cifNo,
      product_type: h.productType,
      amount_cents: h.amountCents,
      opened_at: h.openedAt,
      maturity_date: h.maturityDate,
    }),
  },
  purchases: {
    table: 'purchases',
    keyColumn: 'purchase_no',
    refs: [customerRef(), staffRef('employee_id', (p) => p.employeeId)],
    toRow: (p) => ({
      purchase_no: p.purchaseId,
      cif_no: p.cifNo,
      product_type: p.productType,
      product_code: p.productCode,
      product_name: p.productName,
      amount_cents: p.amountCents,
      purchased_at: p.purchasedAt,
      staff_id: p.employeeId,
      channel: p.channel,
    }),
  },
}
