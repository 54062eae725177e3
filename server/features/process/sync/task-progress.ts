import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { appendEvent } from '../../events/index.js'
import { updateAssignment } from '../tasks/assignments.repository.js'
import type { AssignmentRow, TaskRow } from '../tasks/tasks.repository.js'

export interface Progress {
  done: boolean
  progress: number
  doneAt?: string
  wecomRef?: string | null
  detail?: Record<string, unknown>
}

/**
 * Writes an assignment's progress as read from the source of truth. The first time it is done, a
 * `task_completed` event goes into the log in the same transaction (its dedupe key makes it once only).
 */
export async function saveProgress(
  db: Kysely<Database>,
  task: TaskRow,
  a: AssignmentRow,
  p: Progress,
  now: Date,
): Promise<boolean> {
  const becameDone = p.done && a.status !== 'done'
  const doneAt = p.doneAt ?? now.toISOString()
  await db.transaction().execute(async (trx) => {
    await updateAssignment(trx, a.task_id, a.staff_userid, {
      status: p.done || a.status === 'done' ? 'done' : 'open',
      progress: p.progress,
      checked_at: now.toISOString(),
      ...(becameDone ? { done_at: doneAt } : {}),
      ...(p.wecomRef !== undefined ? { wecom_ref: p.wecomRef } : {}),
      ...(p.detail ? { detail: JSON.stringify(p.detail) } : {}),
    })
    if (becameDone) {
      await appendEvent(trx, {
        type: 'task_completed',
        staffUserid: a.staff_userid,
        externalUserid: null,
        refId: `task:${task.id}`,
        occurredAt: new Date(doneAt),
        source: 'sync',
        dedupeKey: `task_completed:${task.id}:${a.staff_userid}`,
        payload: { kind: task.kind },
      })
    }
  })
  return becameDone
}
