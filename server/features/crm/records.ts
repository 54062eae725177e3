import type { BranchLevel, StaffRole } from '../org/index.js'
import type { CustomersTable, ProductType, Segment } from './crm.table.js'

/** What any CRM source delivers, in plain values; the writer encrypts PII on the way in. */
export interface CrmBranch {
  branchId: string
  name: string
  parentId: string | null
  level: BranchLevel
  province: string
}

export interface CrmStaff {
  employeeId: string
  name: string
  wecomUserid: string | null
  title: string
  role: StaffRole
  branchId: string
  /** false for leavers: they lose access at once. */
  active: boolean
}

export interface CrmCustomer {
  cifNo: string
  name: string
  phone: string
  idNo: string
  birthYear: number
  gender: 'M' | 'F'
  segment: Segment
  aumCents: number
  riskLevel: NonNullable<CustomersTable['risk_level']> | null
  riskAssessedAt: string | null
  ownerEmployeeId: string | null
  branchId: string
  hasAccount: boolean
  province: string
  tags: string[]
}

export interface CrmHolding {
  holdingId: string
  cifNo: string
  productType: ProductType
  amountCents: number
  openedAt: string
  maturityDate: string | null
}

export interface CrmPurchase {
  purchaseId: string
  cifNo: string
  productType: ProductType
  productCode: string
  productName: string
  amountCents: number
  /** ISO instant. */
  purchasedAt: string
  employeeId: string | null
  channel: string
}

export interface CrmRecords {
  branches: CrmBranch
  staff: CrmStaff
  customers: CrmCustomer
  holdings: CrmHolding
  purchases: CrmPurchase
}
export type CrmEntity = keyof CrmRecords

/** Parents before children: the order imports and syncs apply entities in. */
export const ENTITY_ORDER: readonly CrmEntity[] = ['branches', 'staff', 'customers', 'holdings', 'purchases']

/** Accepted spellings per code: the first label is the one documented and written to samples. */
export const LABELS = {
  level: { head: ['总行'], branch: ['分行'], sub: ['支行'] },
  role: { front: ['客户经理', '前台'], middle: ['中台'], supervisor: ['管理者', '行长'], admin: ['系统管理员'] },
  status: { active: ['在职', '1', 'Y'], inactive: ['离职', '停用', '0', 'N'] },
  gender: { M: ['男'], F: ['女'] },
  segment: { private: ['私行'], wealth: ['财富'], vip: ['贵宾'], payroll: ['代发'], mass: ['大众', '长尾'] },
  risk: { R1: ['C1'], R2: ['C2'], R3: ['C3'], R4: ['C4'], R5: ['C5'] },
  yesNo: { yes: ['是', '1', 'Y', 'true'], no: ['否', '0', 'N', 'false'] },
  product: {
    demand_deposit: ['活期'],
    time_deposit: ['定期'],
    wealth: ['理财'],
    fund: ['基金'],
    insurance: ['保险'],
    gold: ['黄金'],
    fx: ['外汇'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>
