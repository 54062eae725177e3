import type { Insertable, Kysely, Selectable } from 'kysely'
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

/** The 200 newest tasks, newest first (the console's list). */
export async function listLatestTasks(db: Q): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll().orderBy('created_at', 'desc').limit(200).execute()
}

export async function insertTask(db: Q, task: Insertable<TasksTable>): Promise<void> {
  await db.insertInto('tasks').values(task).execute()
}

/** Where the task stands on WeCom's side: `job:<jobid>` of a moment until WeCom names the moment. */
export async function setTaskWecomRef(db: Q, id: string, wecomRef: string): Promise<void> {
  await db.updateTable('tasks').set({ wecom_ref: wecomRef }).where('id', '=', id).execute()
}

/** Cancels an active or pending task; how many rows changed (0: unknown or already over). */
export async function cancelOpenTask(db: Q, id: string): Promise<number> {
  const r = await db
    .updateTable('tasks')
    .set({ status: 'cancelled' })
    .where('id', '=', id)
    .where('status', 'in', ['active', 'pending_review'])
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Records the reviewer's decision on a task still pending review; how many rows changed (0: someone was first). */
export async function decidePendingTask(
  db: Q,
  id: string,
  decision: { status: 'active' | 'rejected'; reviewedBy: string; reviewedAt: string; note: string | null },
): Promise<number> {
  const r = await db
    .updateTable('tasks')
    .set({
      status: decision.status,
      reviewed_by: decision.reviewedBy,
      reviewed_at: decision.reviewedAt,
      review_note: decision.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending_review')
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
