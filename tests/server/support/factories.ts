import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import type { StaffRole } from '../../../server/features/org/org.table.js'

let seq = 0
const next = () => String(++seq).padStart(4, '0')

export async function insertBranch(db: Kysely<Database>, over: Partial<Database['branches']> = {}) {
  const row = { id: `TB${next()}`, name: '测试支行', parent_id: null, level: 'sub' as const, province: '浙江', ...over }
  await db.insertInto('branches').values(row).execute()
  return row
}

export async function insertStaff(db: Kysely<Database>, branchId: string, role: StaffRole = 'front', over: Partial<Database['staff']> = {}) {
  const n = next()
  const row = { id: `TE${n}`, wecom_userid: `tester${n}`, name: '测试员工', title: '客户经理', role, branch_id: branchId, active: 1, ...over }
  await db.insertInto('staff').values(row).execute()
  return row
}
