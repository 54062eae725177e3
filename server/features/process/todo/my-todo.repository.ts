import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** The member's open assignments of active tasks running on `day`, soonest due first. */
export async function openTasksRunningOn(db: Q, staffUserid: string, day: string) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select([
      'tasks.id',
      'tasks.kind',
      'tasks.title',
      'tasks.due_date',
      'tasks.payload',
      'task_assignments.progress',
      'task_assignments.target',
    ])
    .where('task_assignments.staff_userid', '=', staffUserid)
    .where('task_assignments.status', '=', 'open')
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', day)
    .where('tasks.due_date', '>=', day)
    .orderBy('tasks.due_date')
    .execute()
}

/**
 * Holdings of the member's own customers maturing in [from, to], soonest first (30 at most), each with one of the
 * member's live contacts bound to the customer, if any.
 */
export async function maturitiesOfBook(db: Q, member: { id: string; userid: string }, from: string, to: string) {
  return db
    .selectFrom('holdings')
    .innerJoin('customers as c', 'c.cif_no', 'holdings.cif_no')
    .select((eb) => [
      'c.cif_no',
      'c.name',
      'holdings.product_type',
      'holdings.maturity_date',
      eb
        .selectFrom('bindings as b')
        .innerJoin('wecom_contacts as wc', 'wc.external_userid', 'b.external_userid')
        .select('b.external_userid')
        .whereRef('b.cif_no', '=', 'c.cif_no')
        .where('wc.staff_userid', '=', member.userid)
        .where('wc.deleted_at', 'is', null)
        .limit(1)
        .as('contact_id'),
    ])
    .where('c.owner_staff_id', '=', member.id)
    .where('holdings.maturity_date', '>=', from)
    .where('holdings.maturity_date', '<=', to)
    .orderBy('holdings.maturity_date')
    .limit(30)
    .execute()
}

/** The 20 latest content inquiries the member's customers made since `since`, with the contact's name. */
export async function recentInquiries(db: Q, staffUserid: string, since: string) {
  return db
    .selectFrom('events')
    .leftJoin('wecom_contacts as wc', (j) =>
      j.onRef('wc.external_userid', '=', 'events.external_userid').onRef('wc.staff_userid', '=', 'events.staff_userid'),
    )
    .select(['events.external_userid', 'wc.name', 'events.occurred_at', 'events.payload'])
    .where('events.staff_userid', '=', staffUserid)
    .where('events.type', '=', 'content_inquiry')
    .where('events.occurred_at', '>=', since)
    .orderBy('events.occurred_at', 'desc')
    .limit(20)
    .execute()
}

/** The 20 latest escalations of the member the middle office answered since `since`, with the contact's name. */
export async function recentAnswers(db: Q, staffUserid: string, since: string) {
  return db
    .selectFrom('escalations')
    .leftJoin('wecom_contacts as wc', (j) =>
      j
        .onRef('wc.external_userid', '=', 'escalations.external_userid')
        .onRef('wc.staff_userid', '=', 'escalations.staff_userid'),
    )
    .select([
      'escalations.id',
      'escalations.question',
      'escalations.answered_at',
      'escalations.external_userid',
      'wc.name',
    ])
    .where('escalations.staff_userid', '=', staffUserid)
    .where('escalations.status', '=', 'answered')
    .where('escalations.answered_at', '>=', since)
    .orderBy('escalations.answered_at', 'desc')
    .limit(20)
    .execute()
}
