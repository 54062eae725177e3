import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { resetSeededTables, SEEDED_TABLES } from '../features/seed/reset.js'
import { FlagError, parseSeedFlags, type SeedFlags } from '../features/seed/seed-flags.js'
import { seedDemoBank } from '../features/seed/seed.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

function flagsOrExit(): SeedFlags {
  try {
    return parseSeedFlags(process.argv.slice(2))
  } catch (err) {
    if (!(err instanceof FlagError)) throw err
    process.stderr.write(`${err.message}\n`)
    process.exit(1)
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`)
const fmt = (n: number) => n.toLocaleString('en-US')

const flags = flagsOrExit()
const config = loadConfigOrExit()
const db = await openDb(config.databaseUrl, config.database)
try {
  await migrateToLatest(db, { pii: piiOf(config) })
  const nonEmpty = []
  for (const table of SEEDED_TABLES)
    if (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.lit(1).as('one'))
        .limit(1)
        .executeTakeFirst()
    )
      nonEmpty.push(table)
  if (nonEmpty.length && !flags.reset) {
    process.stderr.write(
      `The database already has data (${nonEmpty.join(', ')}); run again with --reset to replace it.\n`,
    )
    process.exitCode = 1
  } else {
    if (nonEmpty.length) {
      out(`Deleting the existing rows of ${SEEDED_TABLES.join(', ')}…`)
      await resetSeededTables(db)
    }
    const now = flags.now ?? new Date()
    out(
      `Seeding the demo bank (演示银行): ${fmt(flags.customers)} customers, seed ${flags.seed}, now ${now.toISOString()}, ${db.dialect}`,
    )
    const started = performance.now()
    let lastShown = -1
    const summary = await seedDemoBank(db, {
      now,
      pii: piiOf(config),
      seed: flags.seed,
      customers: flags.customers,
      onProgress(done, total) {
        const tenth = Math.floor((done / total) * 10)
        if (tenth === lastShown) return
        lastShown = tenth
        out(`  ${fmt(done)} / ${fmt(total)} customers (${((performance.now() - started) / 1000).toFixed(1)} s)`)
      },
    })
    const seconds = (performance.now() - started) / 1000
    for (const [table, count] of Object.entries(summary)) out(`  ${table.padEnd(16)} ${fmt(count).padStart(12)}`)
    out(`Done in ${seconds.toFixed(1)} s · peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
  }
} finally {
  await db.close()
}
