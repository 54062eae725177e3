import type { StaffView, StaffViewQueryT, UncoveredCustomer } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { aumBand } from '../../contacts/index.js'
import { filterByTags } from '../../tags/index.js'
import type { Kysely } from 'kysely'
import { periodOf, rowOf, staffFacts } from './dashboard.service.js'
import { periodAdds } from './period-eligibility.js'
import type { ScopedStaff } from '../staff.repository.js'
import { resolveScope, resolveStaff } from './scope.js'
import { findUncoveredCustomers, memberTasksOverlapping } from './staff-view.repository.js'

/** Middle office sees aggregates, not who the customers are: names reduced to the surname. */
const maskName = (name: string) => (name ? `${name.slice(0, 1)}**` : '')

/** One staff member: their numbers, the adds behind them with each rule's verdict, tasks and guidance. */
export async function staffView(
  ctx: AppContext,
  viewer: SessionStaff,
  userid: string,
  q: StaffViewQueryT,
): Promise<StaffView> {
  const db = ctx.db.kysely
  const member = await resolveStaff(db, viewer, userid)
  const period = periodOf(q, ctx.now())
  const [facts] = await staffFacts(ctx, [member], period)
  const tasks = await memberTasksOverlapping(db, userid, period.from, period.to)
  const showNames = viewer.role === 'supervisor'
  const adds = await periodAdds(db, member, period.from, period.to)
  // Tags live on the relation its holder today tagged; an add counted for a former holder keeps no tags of theirs.
  const tagged = await filterByTags(db, adds, q.tagIds)
  return {
    period,
    staff: { userid: member.userid, name: member.name, title: member.title, branchId: member.branchId },
    breadcrumb: (await resolveScope(db, viewer, member.branchId)).breadcrumb.map((b) => ({ id: b.id, name: b.name })),
    row: rowOf('staff', member.userid, member.name, member.title, [facts!]),
    addsBeforeTagFilter: adds.length,
    tagIds: q.tagIds,
    adds: tagged.map((a) => ({
      externalUserId: a.externalUserid,
      name: showNames ? a.name : maskName(a.name),
      addTime: a.addTime,
      segment: a.segment,
      counts: a.counts,
      rules: a.rules,
      flags: a.flags,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      kind: t.kind,
      dueDate: t.due_date,
      status: t.status,
      progress: Number(t.progress),
      target: Number(t.target),
    })),
    guidance: facts!.guidance,
  }
}

/** Owned customers of a segment not yet covered (see findUncoveredCustomers), with their AUM band. */
export async function uncoveredCustomers(
  db: Kysely<Database>,
  member: ScopedStaff,
  segment: string,
  limit = 50,
): Promise<UncoveredCustomer[]> {
  const rows = await findUncoveredCustomers(db, member, segment, limit)
  return rows.map((r) => ({
    cifNo: r.cif_no,
    name: r.name,
    segment: r.segment,
    aumBand: aumBand(Number(r.aum_cents)),
    contactId: r.contact_id ?? null,
  }))
}
