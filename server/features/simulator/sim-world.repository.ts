import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { SimFollowsTable, SimPeopleTable } from './simulator.table.js'

type Q = Kysely<Database>
export type SimPerson = Selectable<SimPeopleTable>
export type SimFollow = Selectable<SimFollowsTable>

export async function staffExists(db: Q, userid: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('wecom_userid').where('wecom_userid', '=', userid).executeTakeFirst()
  return row !== undefined
}

/** Members with the customer-contact feature: every active member in the simulated corp. */
export async function activeStaffUserids(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select('wecom_userid')
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .$narrowType<{ wecom_userid: string }>()
    .orderBy('wecom_userid')
    .execute()
  return rows.map((r) => r.wecom_userid)
}

export async function findPerson(db: Q, externalUserid: string): Promise<SimPerson | undefined> {
  return db.selectFrom('sim_people').selectAll().where('external_userid', '=', externalUserid).executeTakeFirst()
}

/** Follow relations WeCom still reports: a member-side delete drops the relation, a customer-side one keeps it. */
export async function liveFollowsOfPerson(db: Q, externalUserid: string): Promise<SimFollow[]> {
  return db
    .selectFrom('sim_follows')
    .selectAll()
    .where('external_userid', '=', externalUserid)
    .where('deleted_by_member', '=', 0)
    .orderBy('createtime')
    .orderBy('userid')
    .execute()
}

export async function liveFollowsOfStaff(db: Q, userids: string[]): Promise<SimFollow[]> {
  if (userids.length === 0) return []
  return db
    .selectFrom('sim_follows')
    .selectAll()
    .where('userid', 'in', userids)
    .where('deleted_by_member', '=', 0)
    .orderBy('userid')
    .orderBy('createtime')
    .orderBy('external_userid')
    .execute()
}

export async function findFollow(db: Q, userid: string, externalUserid: string): Promise<SimFollow | undefined> {
  return db
    .selectFrom('sim_follows')
    .selectAll()
    .where('userid', '=', userid)
    .where('external_userid', '=', externalUserid)
    .executeTakeFirst()
}

export async function peopleByIds(db: Q, ids: string[]): Promise<Map<string, SimPerson>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('sim_people')
    .selectAll()
    .where('external_userid', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.external_userid, r]))
}
