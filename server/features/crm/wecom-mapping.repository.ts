import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** WeCom userids seen in follow relations or process events with no staff record, with how much each was seen. */
export async function unmappedWecomUserids(db: Q) {
  const unknown = sql<{ userid: string; contacts: number; events: number; last_seen: string | null }>`
    select userid, sum(contacts) as contacts, sum(events) as events, max(last_seen) as last_seen from (
      select staff_userid as userid, count(*) as contacts, 0 as events, max(updated_at) as last_seen from wecom_contacts group by staff_userid
      union all
      select staff_userid as userid, 0 as contacts, count(*) as events, max(occurred_at) as last_seen from events where staff_userid is not null group by staff_userid
    ) seen
    where not exists (select 1 from staff where staff.wecom_userid = seen.userid)
    group by userid
    order by userid`
  return (await unknown.execute(db)).rows
}

/** Active staff without a WeCom account, with their branch. */
export async function activeStaffWithoutWecom(db: Q) {
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.id', 'staff.name', 'staff.title', 'branches.name as branchName'])
    .where('staff.wecom_userid', 'is', null)
    .where('staff.active', '=', 1)
    .orderBy('staff.id')
    .execute()
}
