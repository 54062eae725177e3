import type { Kysely } from 'kysely'
import { percent } from '../../../contracts/metrics.js'
import type { ResultsView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import { assignmentsOfTasksOverlapping } from './results.repository.js'

/** Per active task overlapping the period: assigned, done, done rate and, for mass sends, WeCom's send results. */
export async function taskResults(
  db: Kysely<Database>,
  period: { from: string; to: string },
): Promise<ResultsView['tasks']> {
  const tasks = await assignmentsOfTasksOverlapping(db, period.from, period.to)
  const taskRows = new Map<string, ResultsView['tasks'][number]>()
  for (const t of tasks) {
    const row = taskRows.get(t.id) ?? {
      id: t.id,
      title: t.title,
      kind: t.kind,
      assigned: 0,
      done: 0,
      doneRate: 0,
      sent: t.kind === 'mass_send' ? 0 : null,
      notFriend: t.kind === 'mass_send' ? 0 : null,
    }
    row.assigned++
    if (t.status === 'done') row.done++
    const d = JSON.parse(t.detail) as { sent?: number; notFriend?: number }
    if (row.sent !== null) row.sent += d.sent ?? 0
    if (row.notFriend !== null) row.notFriend += d.notFriend ?? 0
    row.doneRate = percent(row.done, row.assigned) ?? 0
    taskRows.set(t.id, row)
  }
  return [...taskRows.values()]
}
