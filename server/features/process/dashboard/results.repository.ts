import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** Per result subject under `prefix` (`content`, `qa`) and metric, the totals over [from, to]. */
export async function refTotalsByMetric(db: Q, prefix: string, from: string, to: string) {
  return db
    .selectFrom('ref_daily')
    .select(['ref_id', 'metric', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('ref_id', 'like', `${prefix}:%`)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['ref_id', 'metric'])
    .execute()
}

/** Content sends in [start, end). */
export async function contentSendsBetween(db: Q, start: string, end: string) {
  return db
    .selectFrom('content_sends')
    .select(['id', 'root_id', 'msgtype'])
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .execute()
}

/** Which of these sends were opened at least once. */
export async function openedSendIds(db: Q, sendIds: string[]) {
  return db
    .selectFrom('events')
    .select('ref_id')
    .distinct()
    .where('ref_id', 'in', sendIds)
    .where('type', '=', 'content_opened')
    .execute()
}

export async function contentTitles(db: Q, ids: number[]) {
  return db.selectFrom('content_items').select(['id', 'title', 'author_staff_id']).where('id', 'in', ids).execute()
}

export async function qaQuestions(db: Q, ids: number[]) {
  return db.selectFrom('qa_items').select(['id', 'question']).where('id', 'in', ids).execute()
}

/** Every assignment of the active tasks overlapping [from, to], with its task. */
export async function assignmentsOfTasksOverlapping(db: Q, from: string, to: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('task_assignments', 'task_assignments.task_id', 'tasks.id')
    .select(['tasks.id', 'tasks.title', 'tasks.kind', 'task_assignments.status', 'task_assignments.detail'])
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', to)
    .where('tasks.due_date', '>=', from)
    .execute()
}

/** Per answerer, escalations answered and the minutes they took over [from, to]. */
export async function escalationAnswersByStaff(db: Q, from: string, to: string) {
  return db
    .selectFrom('staff_daily')
    .innerJoin('staff', 'staff.wecom_userid', 'staff_daily.staff_userid')
    .select([
      'staff_daily.staff_userid',
      'staff.name',
      'staff.id',
      'staff_daily.metric',
      (eb) => eb.fn.sum<number>('staff_daily.n').as('n'),
    ])
    .where('staff_daily.metric', 'in', ['escalations_answered', 'escalation_answer_minutes'])
    .where('staff_daily.day', '>=', from)
    .where('staff_daily.day', '<=', to)
    .groupBy(['staff_daily.staff_userid', 'staff.name', 'staff.id', 'staff_daily.metric'])
    .execute()
}
