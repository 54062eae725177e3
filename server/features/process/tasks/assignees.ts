import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { AppError } from '../../../lib/errors.js'
import { branchSubtreeIds } from '../../org/index.js'
import { branchExists, listBranchIds } from '../branches.repository.js'
import { staffIn, type ScopedStaff } from '../staff.repository.js'

/** Front-office staff named directly or sitting anywhere under the named branches (teams, sub-branches). */
export async function resolveAssignees(
  db: Kysely<Database>,
  staff: string[],
  branches: string[],
): Promise<ScopedStaff[]> {
  const branchIds = new Set<string>()
  for (const b of branches) {
    if (!(await branchExists(db, b))) throw new AppError('UNKNOWN_BRANCH', 400, `机构 ${b} 不存在`)
    for (const id of await branchSubtreeIds(db, b)) branchIds.add(id)
  }
  const all = await staffIn(db, await listBranchIds(db))
  const unknown = staff.filter((u) => !all.some((s) => s.userid === u))
  if (unknown.length)
    throw new AppError('UNKNOWN_STAFF', 400, `以下员工不存在或不是在岗客户经理：${unknown.slice(0, 5).join('、')}`)
  const chosen = all.filter((s) => staff.includes(s.userid) || branchIds.has(s.branchId))
  if (!chosen.length) throw new AppError('NO_ASSIGNEES', 400, '请至少选择一位员工或一个机构')
  return chosen
}
