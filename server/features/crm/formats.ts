import type { CellReader } from './cells.js'
import { LABELS, type CrmEntity, type CrmRecords } from './records.js'

export interface ColumnSpec {
  /** English column name, also the JSON field name of the pull contract. */
  key: string
  zh: string
  required: boolean
}

/** One entity's file format (and pull-contract item shape): columns, parsing, and the way back for samples. */
export interface EntityFormat<E extends CrmEntity = CrmEntity> {
  entity: E
  zh: string
  /** The column holding the bank's own id of the record (CIF number, employee id, …). */
  keyColumn: string
  columns: readonly ColumnSpec[]
  parse(read: CellReader): CrmRecords[E]
  cells(record: CrmRecords[E]): Record<string, string>
  keyOf(record: CrmRecords[E]): string
}

const col = (key: string, zh: string, required = true): ColumnSpec => ({ key, zh, required })
const label = <T extends string>(labels: Readonly<Record<T, readonly string[]>>, code: T) => labels[code][0]!
const yesNo = (v: boolean) => (v ? '是' : '否')

const branches: EntityFormat<'branches'> = {
  entity: 'branches',
  zh: '机构',
  keyColumn: 'branch_id',
  columns: [
    col('branch_id', '机构号'),
    col('name', '机构名称'),
    col('parent_id', '上级机构号', false),
    col('level', '机构层级'),
    col('province', '省份'),
  ],
  parse: (r) => ({
    branchId: r.id('branch_id')!,
    name: r.text('name', 60),
    parentId: r.id('parent_id', false),
    level: r.choice('level', LABELS.level)!,
    province: r.text('province', 20),
  }),
  cells: (b) => ({
    branch_id: b.branchId,
    name: b.name,
    parent_id: b.parentId ?? '',
    level: label(LABELS.level, b.level),
    province: b.province,
  }),
  keyOf: (b) => b.branchId,
}

const staff: EntityFormat<'staff'> = {
  entity: 'staff',
  zh: '员工',
  keyColumn: 'employee_id',
  columns: [
    col('employee_id', '员工号'),
    col('name', '姓名'),
    col('wecom_userid', '企业微信账号', false),
    col('title', '职务'),
    col('role', '角色'),
    col('branch_id', '所属机构号'),
    col('status', '在职状态', false),
  ],
  parse: (r) => ({
    employeeId: r.id('employee_id')!,
    name: r.text('name', 30),
    wecomUserid: r.id('wecom_userid', false),
    title: r.text('title', 30),
    role: r.choice('role', LABELS.role)!,
    branchId: r.id('branch_id')!,
    active: r.choice('status', LABELS.status, false) !== 'inactive',
  }),
  cells: (s) => ({
    employee_id: s.employeeId,
    name: s.name,
    wecom_userid: s.wecomUserid ?? '',
    title: s.title,
    role: label(LABELS.role, s.role),
    branch_id: s.branchId,
    status: s.active ? '在职' : '离职',
  }),
  keyOf: (s) => s.employeeId,
}

const customers: EntityFormat<'customers'> = {
  entity: 'customers',
  zh: '客户',
  keyColumn: 'cif_no',
  columns: [
    col('cif_no', '客户号'),
    col('name', '姓名'),
    col('phone', '手机号'),
    col('id_no', '证件号码'),
    col('birth_year', '出生年份'),
    col('gender', '性别'),
    col('segment', '客户分层'),
    col('aum', '资产规模(元)'),
    col('risk_level', '风险等级', false),
    col('risk_assessed_at', '风评日期', false),
    col('owner_employee_id', '管户员工号', false),
    col('branch_id', '所属机构号'),
    col('has_account', '是否开户'),
    col('province', '省份'),
    col('tags', '标签', false),
  ],
  parse: (r) => ({
    cifNo: r.id('cif_no')!,
    name: r.text('name', 30),
    phone: r.phone('phone'),
    idNo: r.idNo('id_no'),
    birthYear: r.int('birth_year', 1900, 2030),
    gender: r.choice('gender', LABELS.gender)!,
    segment: r.choice('segment', LABELS.segment)!,
    aumCents: r.moneyCents('aum'),
    riskLevel: r.choice('risk_level', LABELS.risk, false),
    riskAssessedAt: r.date('risk_assessed_at', false),
    ownerEmployeeId: r.id('owner_employee_id', false),
    branchId: r.id('branch_id')!,
    hasAccount: r.choice('has_account', LABELS.yesNo) === 'yes',
    province: r.text('province', 20),
    tags: r.list('tags', 20, 20),
  }),
  cells: (c) => ({
    cif_no: c.cifNo,
    name: c.name,
    phone: c.phone,
    id_no: c.idNo,
    birth_year: String(c.birthYear),
    gender: label(LABELS.gender, c.gender),
    segment: label(LABELS.segment, c.segment),
    aum: yuan(c.aumCents),
    risk_level: c.riskLevel ?? '',
    risk_assessed_at: c.riskAssessedAt ?? '',
    owner_employee_id: c.ownerEmployeeId ?? '',
    branch_id: c.branchId,
    has_account: yesNo(c.hasAccount),
    province: c.province,
    tags: c.tags.join('|'),
  }),
  keyOf: (c) => c.cifNo,
}

const holdings: EntityFormat<'holdings'> = {
  entity: 'holdings',
  zh: '持仓',
  keyColumn: 'holding_id',
  columns: [
    col('holding_id', '持仓编号'),
    col('cif_no', '客户号'),
    col('product_type', '产品类型'),
    col('amount', '持有金额(元)'),
    col('opened_at', '起始日期'),
    col('maturity_date', '到期日期', false),
  ],
  parse: (r) => ({
    holdingId: r.id('holding_id')!,
    cifNo: r.id('cif_no')!,
    productType: r.choice('product_type', LABELS.product)!,
    amountCents: r.moneyCents('amount'),
    openedAt: r.date('opened_at')!,
    maturityDate: r.date('maturity_date', false),
  }),
  cells: (h) => ({
    holding_id: h.holdingId,
    cif_no: h.cifNo,
    product_type: label(LABELS.product, h.productType),
    amount: yuan(h.amountCents),
    opened_at: h.openedAt,
    maturity_date: h.maturityDate ?? '',
  }),
  keyOf: (h) => h.holdingId,
}

const purchases: EntityFormat<'purchases'> = {
  entity: 'purchases',
  zh: '购买记录',
  keyColumn: 'purchase_id',
  columns: [
    col('purchase_id', '交易流水号'),
    col('cif_no', '客户号'),
    col('product_type', '产品类型'),
    col('product_code', '产品代码'),
    col('product_name', '产品名称', false),
    col('amount', '金额(元)'),
    col('purchased_at', '交易时间'),
    col('employee_id', '营销员工号', false),
    col('channel', '渠道', false),
  ],
  parse: (r) => ({
    purchaseId: r.id('purchase_id')!,
    cifNo: r.id('cif_no')!,
    productType: r.choice('product_type', LABELS.product)!,
    productCode: r.id('product_code')!,
    productName: r.optionalText('product_name', 60) ?? '',
    amountCents: r.moneyCents('amount'),
    purchasedAt: r.instant('purchased_at'),
    employeeId: r.id('employee_id', false),
    channel: r.optionalText('channel', 20) ?? '',
  }),
  cells: (p) => ({
    purchase_id: p.purchaseId,
    cif_no: p.cifNo,
    product_type: label(LABELS.product, p.productType),
    product_code: p.productCode,
    product_name: p.productName,
    amount: yuan(p.amountCents),
    purchased_at: beijingTime(p.purchasedAt),
    employee_id: p.employeeId ?? '',
    channel: p.channel,
  }),
  keyOf: (p) => p.purchaseId,
}

function yuan(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

export const FORMATS: { readonly [E in CrmEntity]: EntityFormat<E> } = {
  branches,
  staff,
  customers,
  holdings,
  purchases,
}
