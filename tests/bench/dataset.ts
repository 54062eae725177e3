import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config.js'
import { openDb, type Db } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrate.js'
import { refreshDashboardRollups } from '../../server/features/process/rollups/dashboard-rollups.js'
import { refreshRollups } from '../../server/features/process/rollups/rollups.service.js'
import { isSeeded, seedDemoBank } from '../../server/features/seed/seed.js'
import { piiOf } from '../../server/lib/pii.js'
import type { BenchFlags } from './flags.js'
import { topUp, TOPUP_KINDS, type TopupKind } from './topup.js'

export interface Dataset {
  databaseUrl: string
  /** Null when an earlier run's dataset was reused. */
  seedSeconds: number | null
  topupSeconds: number | null
  rows: Record<string, number>
}

const log = (line: string) => process.stdout.write(`${line}\n`)

function sqliteUrl(flags: BenchFlags): string {
  const name = `advisor-bench-${flags.customers}-${flags.relations}-${flags.events}-${flags.qa}-${flags.content}-${flags.sends}.db`
  return `sqlite:${path.join(os.tmpdir(), 'advisor-bench', name)}`
}

/** Seeds (timed) and tops up the scale dataset; on SQLite in a temp file, on PostgreSQL in an empty database. */
export async function prepareDataset(
  flags: BenchFlags,
  dialect: 'sqlite' | 'postgres',
  pgUrl?: string,
): Promise<Dataset> {
  const databaseUrl = dialect === 'sqlite' ? sqliteUrl(flags) : pgUrl!
  const file = databaseUrl.slice('sqlite:'.length)
  if (dialect === 'sqlite' && !flags.reuse)
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  const pii = piiOf(loadConfig({ DEMO: '1', DATABASE_URL: databaseUrl }))
  // The top-up builds indexes over ten million events: no statement timeout for the dataset's own connection.
  const db = await openDb(databaseUrl, { poolSize: 2, statementTimeoutMs: 0, namedStatements: false })
  try {
    await migrateToLatest(db, { pii })
    if (await isSeeded(db)) {
      if (!flags.reuse) throw new Error(`${dialect}: the bench database already holds a bank; empty it or pass --reuse`)
      log(`${dialect}: reusing the dataset at ${dialect === 'sqlite' ? file : 'BENCH_DATABASE_URL'}`)
      await bringRollupsUpToDate(db)
      return { databaseUrl, seedSeconds: null, topupSeconds: null, rows: await rowCounts(db) }
    }
    log(`${dialect}: seeding ${flags.customers.toLocaleString('en-US')} customers…`)
    let started = performance.now()
    let phaseStarted = started
    await seedDemoBank(db, {
      now: new Date(),
      pii,
      customers: flags.customers,
      onProgress: (done, total) => {
        if (done % (total / 10) < 5000)
          log(`  ${done} / ${total} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
      },
      onPhaseDone: (phase) => {
        const now = performance.now()
        log(`  seed phase "${phase}": ${((now - phaseStarted) / 1000).toFixed(1)} s`)
        phaseStarted = now
      },
    })
    const seedSeconds = (performance.now() - started) / 1000
    log(`${dialect}: seeded in ${seedSeconds.toFixed(1)} s; topping up to the bench scale…`)
    started = performance.now()
    const targets: Record<TopupKind, number> = {
      relations: flags.relations,
      events: flags.events,
      qa: flags.qa,
      content: flags.content,
      sends: flags.sends,
    }
    for (const kind of TOPUP_KINDS) {
      const t = performance.now()
      const added = await topUp(db, kind, targets[kind])
      log(`  ${kind}: +${added.toLocaleString('en-US')} rows (${((performance.now() - t) / 1000).toFixed(1)} s)`)
    }
    // The copies were marked by the rollup triggers as any write is: judged here, as the scheduler would.
    await bringRollupsUpToDate(db)
    const topupSeconds = (performance.now() - started) / 1000
    return { databaseUrl, seedSeconds, topupSeconds, rows: await rowCounts(db) }
  } finally {
    await db.close()
  }
}

async function bringRollupsUpToDate(db: Db): Promise<void> {
  const t = performance.now()
  const events = await refreshRollups(db.kysely)
  const dashboard = await refreshDashboardRollups(db.kysely)
  log(
    `  rollups: ${events.toLocaleString('en-US')} events, ${dashboard.marks.toLocaleString('en-US')} marks → ${dashboard.relations.toLocaleString('en-US')} verdicts, ${dashboard.owners} owners (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  )
}

const COUNTED = ['customers', 'wecom_contacts', 'events', 'qa_items', 'content_items', 'content_sends'] as const

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const rows: Record<string, number> = {}
  for (const table of COUNTED) {
    const r = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    rows[table] = Number(r.n)
  }
  return rows
}
