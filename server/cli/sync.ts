import { parseArgs } from 'node:util'
import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { rebuildDashboardRollups } from '../features/process/rollups/dashboard-rollups.js'
import { rebuildRollups } from '../features/process/rollups/rollups.service.js'
import { runDailySync, runJob, type JobOutcome } from '../features/process/sync/sync.service.js'
import type { AppContext } from '../lib/context.js'
import { createLogger } from '../lib/logger.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// Flags: --job relations|behaviour|tasks|rollups (default: the relation import/reconciliation, then the whole daily pull), --rebuild (recompute every rollup from the event log, and every 计入考核 verdict and coverage count).
const { values } = parseArgs({ options: { job: { type: 'string' }, rebuild: { type: 'boolean' } } })
const job = values.job
const JOBS = ['relations', 'behaviour', 'tasks', 'rollups'] as const
if (job && !(JOBS as readonly string[]).includes(job)) {
  process.stderr.write(`Unknown --job ${job}: use relations, behaviour, tasks or rollups.\n`)
  process.exit(1)
}

const config = loadConfigOrExit()
const db = await openDb(config.databaseUrl, config.database)
const ctx: AppContext = { config, db, logger: createLogger(config.logLevel), now: () => new Date() }
const out = (line: string) => process.stdout.write(`${line}\n`)
try {
  await migrateToLatest(db, { pii: piiOf(config) })
  if (values.rebuild) {
    await rebuildRollups(db.kysely)
    out('Rollups rebuilt from the event log.')
    const judged = await rebuildDashboardRollups(db.kysely)
    out(`计入考核 verdicts and coverage rebuilt: ${judged.relations} relations, ${judged.owners} owners.`)
  }
  const outcomes: JobOutcome[] = job
    ? [await runJob(ctx, job as (typeof JOBS)[number], 'cli')]
    : [await runJob(ctx, 'relations', 'cli'), ...(await runDailySync(ctx, 'cli'))]
  for (const o of outcomes) {
    out(
      `${o.job.padEnd(10)} ${o.status}${'stats' in o ? ` ${JSON.stringify(o.stats)}` : ''}${'error' in o && o.error ? ` — ${o.error}` : ''}`,
    )
  }
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1
} finally {
  await db.close()
}
