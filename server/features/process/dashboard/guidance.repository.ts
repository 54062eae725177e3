import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/**
 * Per member, links opened in [fromIso, toIso) but not verified, and how many of those still work at `nowIso`,
 * to contacts who are still the member's live WeCom friends.
 */
export async function openedLinksToLiveContacts(
  db: Q,
  userids: string[],
  fromIso: string,
  toIso: string,
  nowIso: string,
) {
  return db
    .selectFrom('verifications as v')
    .select((eb) => [
      'v.staff_userid',
      eb.fn.sum<number>(eb.case().when('v.expires_at', '>', nowIso).then(1).else(0).end()).as('valid'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('v.staff_userid', 'in', userids)
    .where('v.status', '=', 'opened')
    .where('v.opened_at', '>=', fromIso)
    .where('v.opened_at', '<', toIso)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('wecom_contacts as wc')
          .select('wc.id')
          .whereRef('wc.staff_userid', '=', 'v.staff_userid')
          .whereRef('wc.external_userid', '=', 'v.external_userid')
          .where('wc.deleted_at', 'is', null),
      ),
    )
    .groupBy('v.staff_userid')
    .execute()
}

/** These members' open moment and mass-send assignments of active tasks started by `today`, soonest due first. */
export async function openSendTasksByStaff(db: Q, userids: string[], today: string) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select(['task_assignments.staff_userid', 'tasks.id', 'tasks.title', 'tasks.kind'])
    .where('task_assignments.staff_userid', 'in', userids)
    .where('task_assignments.status', '=', 'open')
    .where('tasks.status', '=', 'active')
    .where('tasks.kind', 'in', ['moment', 'mass_send'])
    .where('tasks.start_date', '<=', today)
    .orderBy('tasks.due_date')
    .execute()
}
