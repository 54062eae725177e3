import { sql, type Kysely } from 'kysely'
import type { WecomMapping } from '../../contracts/crm.js'
import type { Database } from '../../db/database.js'

/**
 * Staff ↔ WeCom gaps. WeCom userids seen in follow relations or process events with no staff record:
 * their events are kept as they are (keyed by userid) and count for the employee as soon as an import
 * maps the userid. And active staff without a WeCom account.
 */
export async function wecomMappingReport(db: Kysely<Database>): Promise<WecomMapping> {
  const unknown = sql<{ userid: string; contacts: number; events: number; last_seen: string | null }>`
    select userid, sum(contacts) as contacts, sum(events) as events, max(last_seen) as last_seen from (
      select staff_userid as userid, count(*) as contacts, 0 as events, max(updated_at) as last_seen from wecom_contacts group by staff_userid
      union all
      select staff_userid as userid, 0 as contacts, count(*) as events, max(occurred_at) as last_seen from events where staff_userid is not null group by staff_userid
    ) seen
    where not exists (select 1 from staff where staff.wecom_userid = seen.userid)
    group by userid
    order by userid`
  const [unknownRows, staffRows] = await Promise.all([
    unknown.execute(db),
    db
      .selectFrom('staff')
      .innerJoin('branches', 'branches.id', 'staff.branch_id')
      .select(['staff.id', 'staff.name', 'staff.title', 'branches.name as branchName'])
      .where('staff.wecom_userid', 'is', null)
      .where('staff.active', '=', 1)
      .orderBy('staff.id')
      .execute(),
  ])
  return {
    unknownUserids: unknownRows.rows.map((r) => ({
      userid: r.userid,
      contacts: Number(r.contacts),
      events: Number(r.events),
      lastSeenAt: r.last_seen,
    })),
    staffWithoutWecom: staffRows.map((s) => ({
      employeeId: s.id,
      name: s.name,
      title: s.title,
      branchName: s.branchName,
    })),
  }
}
