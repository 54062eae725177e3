import type { Insertable, Kysely, Updateable } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { TaskAssignmentsTable, TaskRecipientsTable } from '../process.table.js'

type Q = Kysely<Database>

export async function insertAssignments(db: Q, rows: Insertable<TaskAssignmentsTable>[]): Promise<void> {
  await db.insertInto('task_assignments').values(rows).execute()
}

export async function insertRecipients(db: Q, rows: Insertable<TaskRecipientsTable>[]): Promise<void> {
  await db.insertInto('task_recipients').values(rows).execute()
}

/** Writes what the last check or dispatch learned about one member's assignment. */
export async function updateAssignment(
  db: Q,
  taskId: string,
  staffUserid: string,
  values: Updateable<TaskAssignmentsTable>,
): Promise<void> {
  await db
    .updateTable('task_assignments')
    .set(values)
    .where('task_id', '=', taskId)
    .where('staff_userid', '=', staffUserid)
    .execute()
}

/** Keeps a WeCom failure on these members' assignments, so the console shows it. */
export async function setAssignmentsDetail(db: Q, taskId: string, userids: string[], detail: string): Promise<void> {
  await db
    .updateTable('task_assignments')
    .set({ detail })
    .where('task_id', '=', taskId)
    .where('staff_userid', 'in', userids)
    .execute()
}

export async function assigneeUseridsOf(db: Q, taskId: string): Promise<{ staff_userid: string }[]> {
  return db.selectFrom('task_assignments').select('staff_userid').where('task_id', '=', taskId).execute()
}

export async function recipientsOfTask(db: Q, taskId: string) {
  return db
    .selectFrom('task_recipients')
    .select(['staff_userid', 'external_userid'])
    .where('task_id', '=', taskId)
    .execute()
}

/** Per task and assignment status, how many assignments. */
export async function countAssignmentsByStatus(db: Q, taskIds: string[]) {
  return db
    .selectFrom('task_assignments')
    .select(['task_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('task_id', 'in', taskIds)
    .groupBy(['task_id', 'status'])
    .execute()
}

/** Per task, how many customers its mass send addresses. */
export async function countRecipientsByTask(db: Q, taskIds: string[]) {
  return db
    .selectFrom('task_recipients')
    .select(['task_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('task_id', 'in', taskIds)
    .groupBy('task_id')
    .execute()
}

/** The assigned members' names and branch names. */
export async function assigneeNames(db: Q, userids: string[]) {
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.wecom_userid', 'staff.name', 'branches.name as branch'])
    .where('staff.wecom_userid', 'in', userids)
    .execute()
}

/** These members' assignments of active tasks overlapping [from, to], with what a target needs. */
export async function assignmentsOverlappingByStaff(db: Q, userids: string[], from: string, to: string) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select([
      'task_assignments.staff_userid',
      'task_assignments.status',
      'tasks.kind',
      'tasks.payload',
      'tasks.start_date',
      'tasks.due_date',
    ])
    .where('task_assignments.staff_userid', 'in', userids)
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', to)
    .where('tasks.due_date', '>=', from)
    .execute()
}
