import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { TaskAssignmentsTable, TasksTable } from '../process.table.js'

type Q = Kysely<Database>
export type TaskRow = Selectable<TasksTable>
export type AssignmentRow = Selectable<TaskAssignmentsTable>

export async function tasksToCheck(db: Q, sinceDue: string): Promise<TaskRow[]> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('status', '=', 'active')
    .where('due_date', '>=', sinceDue)
    .orderBy('created_at')
    .execute()
}

export async function assignmentsOf(db: Q, taskId: string): Promise<AssignmentRow[]> {
  return db.selectFrom('task_assignments').selectAll().where('task_id', '=', taskId).orderBy('staff_userid').execute()
}

export async function findTask(db: Q, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
}
