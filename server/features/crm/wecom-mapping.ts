import type { Kysely } from 'kysely'
import type { WecomMapping } from '../../contracts/crm.js'
import type { Database } from '../../db/database.js'
import { activeStaffWithoutWecom, unmappedWecomUserids } from './wecom-mapping.repository.js'

/**
 * Staff ↔ WeCom gaps. WeCom userids seen in follow relations or process events with no staff record:
 * their events are kept as they are (keyed by userid) and count for the employee as soon as an import
 * maps the userid. And active staff without a WeCom account.
 */
export async function wecomMappingReport(db: Kysely<Database>): Promise<WecomMapping> {
  const [unknownRows, staffRows] = await Promise.all([unmappedWecomUserids(db), activeStaffWithoutWecom(db)])
  return {
    unknownUserids: unknownRows.map((r) => ({
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
