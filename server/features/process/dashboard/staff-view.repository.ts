import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { ScopedStaff } from '../staff.repository.js'

type Q = Kysely<Database>

/** The member's assignments of active tasks overlapping [from, to], soonest due first. */
export async function memberTasksOverlapping(db: Q, staffUserid: string, from: string, to: string) {
  return db
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
    .where('task_assignments.staff_userid', '=', staffUserid)
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', to)
    .where('tasks.due_date', '>=', from)
    .orderBy('tasks.due_date')
    .execute()
}

/**
 * Owned customers of a segment without a verified binding to one of the owner's live contacts, most valuable
 * first; `contact_id` is a live contact of the owner with the same name (a hint to open the chat).
 */
export async function findUncoveredCustomers(db: Q, member: ScopedStaff, segment: string, limit: number) {
  return db
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
}
