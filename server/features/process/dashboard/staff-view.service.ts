import type { StaffView, StaffViewQueryT, UncoveredCustomer } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { aumBand } from '../../contacts/index.js'
import { filterByTags } from '../../tags/index.js'
import { sql, type Kysely } from 'kysely'
import { periodOf, rowOf, staffFacts } from './dashboard.service.js'
import { periodAdds } from './eligibility.js'
import { resolveScope, resolveStaff, type ScopedStaff } from './scope.js'

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
  const tasks = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.kind',
      'tasks.due_date',
      'task_assignments.status',
      'task_assignments.progress',
      'task_assignments.target',
    ])
    .where('task_assignments.staff_userid', '=', userid)
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', period.to)
    .where('tasks.due_date', '>=', period.from)
    .orderBy('tasks.due_date')
    .execute()
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

/**
 * Owned customers of a segment without a verified binding to one of the owner's live contacts,
 * most valuable first; `contactId` is a live contact of the owner with the same name (a hint to open the chat).
 */
export async function uncoveredCustomers(
  db: Kysely<Database>,
  member: ScopedStaff,
  segment: string,
  limit = 50,
): Promise<UncoveredCustomer[]> {
  const rows = await db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.cif_no',
      'c.name',
      'c.segment',
      'c.aum_cents',
      eb
        .selectFrom('wecom_contacts as wc')
        .select('wc.external_userid')
        .where('wc.staff_userid', '=', member.userid)
        .where('wc.deleted_at', 'is', null)
        .where((w) => w.or([w('wc.name', '=', w.ref('c.name')), w('wc.remark', '=', w.ref('c.name'))]))
        .limit(1)
        .as('contact_id'),
    ])
    .where('c.owner_staff_id', '=', member.id)
    .where('c.segment', '=', segment as never)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bindings as b')
            .innerJoin('wecom_contacts as wc2', 'wc2.external_userid', 'b.external_userid')
            .select(sql`1`.as('one'))
            .whereRef('b.cif_no', '=', 'c.cif_no')
            .where('wc2.staff_userid', '=', member.userid)
            .where('wc2.deleted_at', 'is', null),
        ),
      ),
    )
    .orderBy('c.aum_cents', 'desc')
    .orderBy('c.cif_no')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    cifNo: r.cif_no,
    name: r.name,
    segment: r.segment,
    aumBand: aumBand(Number(r.aum_cents)),
    contactId: r.contact_id ?? null,
  }))
}
