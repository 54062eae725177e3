import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { SyncJob, SyncRunStatus, SyncTrigger } from '../process.table.js'

type Q = Kysely<Database>

export async function startRun(db: Q, job: SyncJob, trigger: SyncTrigger, now: Date): Promise<number> {
  const row = await db
    .insertInto('sync_runs')
    .values({ job, trigger, status: 'running', started_at: now.toISOString(), stats: '{}', error: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export async function finishRun(
  db: Q,
  id: number,
  status: SyncRunStatus,
  now: Date,
  stats: Record<string, unknown>,
  error?: string,
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({ status, finished_at: now.toISOString(), stats: JSON.stringify(stats), error: error ?? null })
    .where('id', '=', id)
    .execute()
}

export async function listRuns(db: Q, limit: number) {
  return db.selectFrom('sync_runs').selectAll().orderBy('id', 'desc').limit(limit).execute()
}

/** The last day a job completed (inclusive), or undefined before its first run. */
export async function doneUntil(db: Q, job: SyncJob): Promise<string | undefined> {
  return (await db.selectFrom('sync_state').select('done_until').where('job', '=', job).executeTakeFirst())?.done_until
}

export async function markDoneUntil(db: Q, job: SyncJob, day: string, now: Date): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ job, done_until: day, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('job').doUpdateSet({ done_until: day, updated_at: now.toISOString() }))
    .execute()
}

/** When a job's saved point last moved. */
export async function syncStateUpdatedAt(db: Q, job: SyncJob) {
  return db.selectFrom('sync_state').select('updated_at').where('job', '=', job).executeTakeFirst()
}

/** When the job's latest successful run finished. */
export async function lastSucceededRun(db: Q, job: SyncJob) {
  return db
    .selectFrom('sync_runs')
    .select('finished_at')
    .where('job', '=', job)
    .where('status', '=', 'succeeded')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}
