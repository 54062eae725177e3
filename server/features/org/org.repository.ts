import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { groupBy } from '../../lib/collections.js'

type Q = Kysely<Database>

const staffColumns = ['id', 'wecom_userid as userid', 'name', 'role', 'branch_id as branchId'] as const

/** Staff without a WeCom userid cannot sign in: every sign-in path (OAuth, demo) names one. */
const activeWithUserid = (db: Q) =>
  db
    .selectFrom('staff')
    .select(staffColumns)
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .$narrowType<{ userid: string }>()

// Every signed-in request runs this (the session middleware re-reads the staff member).
const activeStaffById = preparedQuery<{ id: string }, SessionStaff>((db, param) =>
  activeWithUserid(db).where('id', '=', param('id')),
)

export async function findActiveStaffById(db: Q, id: string): Promise<SessionStaff | undefined> {
  return activeStaffById.executeTakeFirst(db, { id })
}

export async function findActiveStaffByUserid(db: Q, userid: string): Promise<SessionStaff | undefined> {
  return activeWithUserid(db).where('wecom_userid', '=', userid).executeTakeFirst()
}

/** All branch ids in the subtree rooted at `branchId`, itself included. */
export async function branchSubtreeIds(db: Q, branchId: string): Promise<string[]> {
  const rows = await db.selectFrom('branches').select(['id', 'parent_id']).execute()
  const children = groupBy(
    rows.filter((r) => r.parent_id),
    (r) => r.parent_id!,
    (r) => r.id,
  )
  const out: string[] = []
  const stack = [branchId]
  while (stack.length) {
    const id = stack.pop()!
    out.push(id)
    stack.push(...(children.get(id) ?? []))
  }
  return out
}

export interface StaffDirectoryRow {
  id: string
  userid: string
  name: string
  title: string
  role: string
  branchId: string
  branchName: string
}

export async function listActiveStaffWithBranch(db: Q): Promise<StaffDirectoryRow[]> {
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select([
      'staff.id',
      'staff.wecom_userid as userid',
      'staff.name',
      'staff.title',
      'staff.role',
      'staff.branch_id as branchId',
      'branches.name as branchName',
    ])
    .where('staff.active', '=', 1)
    .where('staff.wecom_userid', 'is not', null)
    .$narrowType<{ userid: string }>()
    .orderBy('staff.branch_id')
    .orderBy('staff.role')
    .orderBy('staff.id')
    .execute()
}

/** Holds the 合规审核 capability (staff.reviewer = 1). */
export async function isReviewer(db: Q, staffId: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('reviewer').where('id', '=', staffId).executeTakeFirst()
  return Number(row?.reviewer ?? 0) === 1
}

export async function staffExists(db: Q, staffId: string): Promise<boolean> {
  return !!(await db.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst())
}

export async function branchName(db: Q, branchId: string): Promise<string | undefined> {
  return (await db.selectFrom('branches').select('name').where('id', '=', branchId).executeTakeFirst())?.name
}

// The sidebar profile's hot path: the relation holder whose assessment the verdict is.
const staffWithProvince = preparedQuery<{ userid: string }, { id: string; userid: string; branchProvince: string }>(
  (db, param) =>
    db
      .selectFrom('staff')
      .innerJoin('branches', 'branches.id', 'staff.branch_id')
      .select(['staff.id', 'staff.wecom_userid as userid', 'branches.province as branchProvince'])
      .where('staff.wecom_userid', '=', param('userid'))
      .$narrowType<{ userid: string }>(),
)

/** The employee holding a WeCom userid (active or not), with their branch's province. */
export async function findStaffWithProvince(db: Q, userid: string) {
  return staffWithProvince.executeTakeFirst(db, { userid })
}

/** The branch of each employee holding one of these WeCom userids. */
export async function branchesOfStaff(db: Q, userids: string[]) {
  return db.selectFrom('staff').select(['wecom_userid', 'branch_id']).where('wecom_userid', 'in', userids).execute()
}

/** Staff of these branches, inactive ones included, by employee id. */
export async function listStaffOfBranches(db: Q, branchIds: string[]) {
  return db.selectFrom('staff').select(['id', 'name']).where('branch_id', 'in', branchIds).orderBy('id').execute()
}
