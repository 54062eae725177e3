import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { runDoctor } from '../features/wecom/doctor/doctor.service.js'
import type { AppContext } from '../lib/context.js'
import { createLogger } from '../lib/logger.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// The go-live self-check for IT; exit code 1 when any check fails.
const config = loadConfigOrExit()
const db = await openDb(config.databaseUrl)
const ctx: AppContext = { config, db, logger: createLogger('silent'), now: () => new Date() }
const MARK = { ok: '✔', warn: '!', fail: '✘' } as const
try {
  await migrateToLatest(db, { pii: piiOf(config) })
  const checks = await runDoctor(ctx)
  for (const c of checks) {
    process.stdout.write(`${MARK[c.status]} ${c.label}：${c.detail}\n`)
    if (c.hint) process.stdout.write(`    → ${c.hint}\n`)
  }
  if (checks.some((c) => c.status === 'fail')) process.exitCode = 1
} finally {
  await db.close()
}
