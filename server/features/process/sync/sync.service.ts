import { randomUUID } from 'node:crypto'
import type { AppContext } from '../../../lib/context.js'
import type { SyncJob, SyncTrigger } from '../process.table.js'
import { refreshDashboardRollups } from '../rollups/dashboard-rollups.js'
import { refreshRollups } from '../rollups/rollups.service.js'
import { importRelations } from '../../wecom/index.js'
import { syncBehaviour } from './behaviour-sync.js'
import { acquireJobLock, releaseJobLock } from './job-locks.repository.js'
import { finishRun, startRun } from './sync-runs.repository.js'
import { syncTasks } from './task-sync.js'

/** A lease long enough for a large bank's pull; a crashed holder's lock lapses after it. */
const LEASE_MS = 30 * 60_000

export type JobOutcome =
  | { job: SyncJob; status: 'succeeded' | 'failed'; runId: number; stats: Record<string, unknown>; error?: string }
  | { job: SyncJob; status: 'skipped' }

const JOBS: Record<SyncJob, (ctx: AppContext) => Promise<Record<string, unknown>>> = {
  behaviour: (ctx) => syncBehaviour(ctx),
  tasks: (ctx) => syncTasks(ctx),
  rollups: async (ctx) => ({
    events: await refreshRollups(ctx.db.kysely),
    dashboard: await refreshDashboardRollups(ctx.db.kysely),
  }),
  // Not part of the daily pull: the scheduler runs it on first start, after an interruption and nightly.
  relations: async (ctx) => ({ ...(await importRelations(ctx)) }),
}

/**
 * Runs one job if no other instance is running it (database lock), recording the run and its
 * outcome. A failure is recorded, not thrown: the next run resumes from the job's saved point.
 */
export async function runJob(ctx: AppContext, job: SyncJob, trigger: SyncTrigger): Promise<JobOutcome> {
  const db = ctx.db.kysely
  const holder = randomUUID()
  if (!(await acquireJobLock(db, `sync:${job}`, holder, LEASE_MS, ctx.now()))) return { job, status: 'skipped' }
  const runId = await startRun(db, job, trigger, ctx.now())
  try {
    const stats = await JOBS[job](ctx)
    await finishRun(db, runId, 'succeeded', ctx.now(), stats)
    return { job, status: 'succeeded', runId, stats }
  } catch (err) {
    const error = err instanceof Error ? err.message.slice(0, 500) : String(err)
    ctx.logger.warn({ job, runId, err: error }, 'sync job failed')
    await finishRun(db, runId, 'failed', ctx.now(), {}, error)
    return { job, status: 'failed', runId, stats: {}, error }
  } finally {
    await releaseJobLock(db, `sync:${job}`, holder)
  }
}

/** The daily pull: behaviour data, then task results (which read it), then the rollups. */
export async function runDailySync(ctx: AppContext, trigger: SyncTrigger): Promise<JobOutcome[]> {
  const out: JobOutcome[] = []
  for (const job of ['behaviour', 'tasks', 'rollups'] as const) out.push(await runJob(ctx, job, trigger))
  return out
}
