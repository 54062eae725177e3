import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** A front-office member in the dashboard's scope: who is assessed on the process. */
export interface ScopedStaff {
  id: string
  userid: string
  name: string
  title: string
  branchId: string
  province: string
}

/** Active front-office staff with a WeCom account in these branches, with their branch's province. */
export async function staffIn(db: Q, branchIds: string[]): Promise<ScopedStaff[]> {
  if (!branchIds.length) return []
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select([
      'staff.id',
      'staff.wecom_userid as userid',
      'staff.name',
      'staff.title',
      'staff.branch_id as branchId',
      'branches.province',
    ])
    .where('staff.branch_id', 'in', branchIds)
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('staff.wecom_userid', 'is not', null)
    .$narrowType<{ userid: string }>()
    .orderBy('staff.id')
    .execute()
}

/** Members whose behaviour data we pull: active, with a WeCom account, front office (who are assessed on it). */
export async function listSyncedStaffUserids(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select('wecom_userid')
    .where('active', '=', 1)
    .where('role', '=', 'front')
    .where('wecom_userid', 'is not', null)
    .$narrowType<{ wecom_userid: string }>()
    .orderBy('wecom_userid')
    .execute()
  return rows.map((r) => r.wecom_userid)
}

/** An active member's role and 合规审核 capability (what a task reviewer needs). */
export async function findActiveRoleAndReviewer(db: Q, staffId: string) {
  return db
    .selectFrom('staff')
    .select(['role', 'reviewer'])
    .where('id', '=', staffId)
    .where('active', '=', 1)
    .executeTakeFirst()
}

/** Staff id → name. */
export async function namesOf(db: Q, staffIds: string[]): Promise<Map<string, string>> {
  if (!staffIds.length) return new Map()
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(staffIds)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The staff ids of these WeCom userids. */
export async function staffIdsOfUserids(db: Q, userids: string[]) {
  return db.selectFrom('staff').select(['id', 'wecom_userid']).where('wecom_userid', 'in', userids).execute()
}

/** The WeCom userids of these staff ids. */
export async function useridsOfStaffIds(db: Q, staffIds: string[]) {
  return db.selectFrom('staff').select(['id', 'wecom_userid']).where('id', 'in', staffIds).execute()
}
