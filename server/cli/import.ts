import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { importFiles, type ImportFile } from '../features/crm/import.service.js'
import { csvLine } from '../features/crm/samples.js'
import { isSupportedFile } from '../lib/table-reader.js'
import { listRunErrors } from '../features/crm/runs.repository.js'
import type { AppContext } from '../lib/context.js'
import { createLogger } from '../lib/logger.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// npm run import -- <dir|file>… [--dry-run] [--report errors.csv]; exit code 1 when the import is refused.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean' }, report: { type: 'string' } },
})
const out = (line: string) => process.stdout.write(`${line}\n`)
const files: ImportFile[] = positionals.flatMap((p) =>
  fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p)
        .filter(isSupportedFile)
        .sort()
        .map((f) => ({ path: path.join(p, f), name: f }))
    : [{ path: p, name: path.basename(p) }],
)
if (!files.length) {
  process.stderr.write('Usage: npm run import -- <dir|file.csv|file.xlsx>… [--dry-run] [--report errors.csv]\n')
  process.exit(1)
}

const config = loadConfigOrExit()
const db = await openDb(config.databaseUrl, config.database)
const ctx: AppContext = { config, db, logger: createLogger(config.logLevel), now: () => new Date() }
try {
  await migrateToLatest(db, { pii: piiOf(config) })
  out(`Importing ${files.map((f) => f.name).join(', ')}${values['dry-run'] ? ' (dry run)' : ''} into ${db.dialect}`)
  const started = performance.now()
  let shown = 0
  const run = await importFiles(ctx, files, {
    dryRun: !!values['dry-run'],
    trigger: 'cli',
    actorStaffId: null,
    onProgress(entity, rows) {
      if (rows - shown < 100_000 && rows > shown) return
      shown = rows
      out(
        `  ${entity}: ${rows.toLocaleString('en-US')} rows read (${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`,
      )
    },
  })
  for (const [entity, c] of Object.entries(run.counts))
    out(
      `  ${entity.padEnd(10)} inserted ${c.inserted} · updated ${c.updated} · unchanged ${c.unchanged} · invalid ${c.invalid}`,
    )
  for (const e of run.errors.slice(0, 20)) out(`  ✗ ${e.source} 第 ${e.rowNo} 行 [${e.column}] ${e.reason}`)
  if (values.report && run.errorCount) {
    const errors = await listRunErrors(db.kysely, run.id)
    fs.writeFileSync(
      values.report,
      `\uFEFF${csvLine(['文件', '行号', '列', '原因'])}${errors.map((e) => csvLine([e.source, String(e.rowNo), e.column, e.reason])).join('')}`,
    )
    out(`  error report: ${values.report}`)
  }
  out(
    `${run.status}: ${run.message} · ${((performance.now() - started) / 1000).toFixed(1)} s · peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  )
  if (run.status !== 'succeeded') process.exitCode = 1
} finally {
  await db.close()
}
