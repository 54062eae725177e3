import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import { sealCustomerPii } from '../../../server/features/crm/entity-tables.js'
import type { StaffRole } from '../../../server/features/org/org.table.js'
import { TEST_PII } from './pii.js'

let seq = 0
const next = () => String(++seq).padStart(4, '0')

export async function insertBranch(db: Kysely<Database>, over: Partial<Database['branches']> = {}) {
  const row = { id: `TB${next()}`, name: '测试支行', parent_id: null, level: 'sub' as const, province: '浙江', ...over }
  await db.insertInto('branches').values(row).execute()
  return row
}

export async function insertStaff(
  db: Kysely<Database>,
  branchId: string,
  role: StaffRole = 'front',
  over: Partial<Database['staff']> & { wecom_userid?: string } = {},
) {
  const n = next()
  const row = {
    id: `TE${n}`,
    wecom_userid: `tester${n}`,
    name: '测试员工',
    title: '客户经理',
    role,
    branch_id: branchId,
    active: 1,
    ...over,
  }
  await db.insertInto('staff').values(row).execute()
  return row
}

type PlainCustomer = Omit<
  Database['customers'],
  'phone_enc' | 'phone_hash' | 'id_no_enc' | 'id_no_hash' | 'pii_key_id'
> & { phone: string; id_no: string }

/** A CRM customer; phone and ID number are given in plain text and stored sealed, as the import does. */
export async function insertCustomer(db: Kysely<Database>, branchId: string, over: Partial<PlainCustomer> = {}) {
  const n = next()
  const row: PlainCustomer = {
    cif_no: `TC${n}`,
    name: '李华',
    phone: `1390000${n}`,
    id_no: `33010619900101${n}`,
    birth_year: 1990,
    gender: 'M' as const,
    segment: 'wealth' as const,
    aum_cents: 120_000_000,
    risk_level: 'R3' as const,
    risk_assessed_at: new Date().toISOString().slice(0, 10),
    owner_staff_id: null,
    branch_id: branchId,
    has_account: 1,
    province: '浙江',
    tags: '["基金偏好"]',
    crm_fingerprint: null,
    updated_at: null,
    ...over,
  }
  const { phone, id_no, ...rest } = row
  await db
    .insertInto('customers')
    .values({ ...rest, ...sealCustomerPii(TEST_PII, row.cif_no, phone, id_no) })
    .execute()
  return row
}

/** A live WeCom follow relation between a staff member and an external contact. */
export async function insertContact(
  db: Kysely<Database>,
  staffUserid: string,
  over: Partial<Insertable<Database['wecom_contacts']>> = {},
) {
  const n = next()
  const now = new Date().toISOString()
  const row = {
    staff_userid: staffUserid,
    external_userid: `wmTEST${n}abcdefghij`,
    name: '李华',
    avatar: '',
    type: 1,
    corp_name: null,
    gender: 1,
    add_time: now,
    add_way: 1,
    state: null,
    remark: null,
    deleted_at: null,
    deleted_by: null,
    updated_at: now,
    ...over,
  }
  await db.insertInto('wecom_contacts').values(row).execute()
  return row
}
