import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../server/config.js'
import { openDb } from '../../server/db/connect.js'
import { runApiScenarios } from './api-scenarios.js'
import { budgetsFor, frontEndBudgets, type DbFigures } from './budgets.js'
import { callbackDeliveries, runCallbacks } from './callbacks.js'
import { buildServer, startBenchServer } from './child-process.js'
import { prepareDataset, type Dataset } from './dataset.js'
import { parseBenchFlags, type BenchFlags } from './flags.js'
import { bundleSizes, frontEndTiming, type FrontEndFigures } from './front-end/run-front-end.js'
import { load } from './load.js'
import { runMultiInstance } from './multi-instance.js'
import { machine, markdown, type BenchResults } from './report.js'
import { pickSubjects } from './subjects.js'

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')
const log = (line: string) => process.stdout.write(`${line}\n`)

async function benchDatabase(
  flags: BenchFlags,
  dataset: Dataset,
  dialect: DbFigures['dialect'],
  frontEnd: Partial<FrontEndFigures>,
): Promise<DbFigures> {
  const config = loadConfig({ DEMO: '1', DATABASE_URL: dataset.databaseUrl })
  const db = await openDb(dataset.databaseUrl)
  const step = (name: string) => log(`  ${dialect}: ${name}`)
  try {
    const subjects = await pickSubjects(db, config)
    const spec = { databaseUrl: dataset.databaseUrl, logLevel: flags.logLevel }
    const base = { seconds: flags.duration, connections: flags.connections }
    const ceilings = []
    for (const mode of ['node-hello', 'express-hello'] as const) {
      step(`ceiling: ${mode}`)
      const server = await startBenchServer({ ...spec, mode })
      try {
        ceilings.push(
          await load(server, {
            ...base,
            next: () => ({ path: '/api/hello', headers: { cookie: subjects.busiest.cookie } }),
          }),
        )
      } finally {
        await server.stop()
      }
    }
    // WeCom's API is another company's servers in production: the simulator answering qyapi calls (the
    // contact lookups behind every callback) runs in its own process, so its work is not counted as ours.
    const wecom = await startBenchServer({ ...spec, mode: 'app' })
    const server = await startBenchServer({ ...spec, mode: 'app', wecomApiBase: `${wecom.url}/simulator/cgi-bin` })
    const pendingCallbacks = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('wecom_callbacks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('processed_at', 'is', null)
            .where('attempts', '<', 8)
            .executeTakeFirstOrThrow()
        ).n,
      )
    /** Waits until the app has processed every stored callback (its startup pass, or the burst's backlog); seconds taken. */
    const drainCallbacks = async (limitSeconds: number): Promise<number> => {
      const started = performance.now()
      while ((await pendingCallbacks()) > 0 && performance.now() - started < limitSeconds * 1000)
        await new Promise((r) => setTimeout(r, 250))
      return (performance.now() - started) / 1000
    }
    try {
      // A reused dataset may hold an earlier run's unprocessed callbacks: the app works them off at start,
      // and that must not land in the first measurements.
      step('waiting for callbacks left by an earlier run to be processed')
      await drainCallbacks(300)
      const api = await runApiScenarios(server, subjects, flags, step)
      // Before the callback burst: its background processing (a WeCom lookup per event) is not what a
      // manager opening the sidebar competes with.
      if (!flags.skipFrontEnd && !frontEnd.timeToProfile) {
        step('time-to-profile in Chromium (throttled), against the floor page')
        frontEnd.timeToProfile = await frontEndTiming(server, subjects.busiest)
      }
      step('callback ingestion')
      const countStored = async () =>
        Number(
          (
            await db.kysely
              .selectFrom('wecom_callbacks')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const storedBefore = await countStored()
      const deliveries = callbackDeliveries(config, subjects.managers, Math.max(5000, flags.duration * 3000))
      const callbacks = {
        ...(await runCallbacks(server, deliveries, flags.duration, flags.connections)),
        stored: 0,
        drainSeconds: 0,
      }
      callbacks.stored = (await countStored()) - storedBefore
      step('waiting for the app to process the burst (a WeCom contact lookup per event)')
      callbacks.drainSeconds = await drainCallbacks(600)
      const multiInstance =
        flags.instances > 1
          ? await runMultiInstance(
              db,
              { ...spec, wecomApiBase: `${wecom.url}/simulator/cgi-bin` },
              subjects,
              flags,
              step,
            )
          : undefined
      return {
        dialect,
        seedSeconds: dataset.seedSeconds,
        topupSeconds: dataset.topupSeconds,
        customers: flags.customers,
        api,
        callbacks,
        nodeHello: ceilings[0]!,
        expressHello: ceilings[1]!,
        peakRssMb: server.peakRssMb,
        ...(multiInstance ? { multiInstance } : {}),
      }
    } finally {
      await server.stop()
      await wecom.stop()
    }
  } finally {
    await db.close()
  }
}

async function main(): Promise<void> {
  const flags = parseBenchFlags(process.argv.slice(2))
  const startedAt = new Date()
  const t0 = performance.now()
  log('building the server (npm run build:server)')
  buildServer()
  const frontEnd: Partial<FrontEndFigures> = flags.skipFrontEnd ? {} : bundleSizes()
  const targets: [DbFigures['dialect'], string | undefined][] = flags.skipSqlite ? [] : [['sqlite', undefined]]
  // Read here, as the bench's own setting: the app's config never sees it.
  if (process.env.BENCH_DATABASE_URL) targets.push(['postgres', process.env.BENCH_DATABASE_URL])
  if (!targets.length) throw new Error('--skip-sqlite needs BENCH_DATABASE_URL')
  const datasets: Record<string, Dataset> = {}
  const databases: DbFigures[] = []
  for (const [dialect, url] of targets) {
    datasets[dialect] = await prepareDataset(flags, dialect, url)
    databases.push(await benchDatabase(flags, datasets[dialect]!, dialect, frontEnd))
  }
  const results: BenchResults = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    minutes: (performance.now() - t0) / 60_000,
    machine: machine(),
    datasets,
    databases,
    frontEnd,
    budgets: [...databases.flatMap(budgetsFor), ...frontEndBudgets(frontEnd)],
  }
  const dir = flags.results ? path.resolve(flags.results) : RESULTS
  fs.mkdirSync(dir, { recursive: true })
  const md = markdown(results)
  fs.writeFileSync(path.join(dir, 'latest.md'), md)
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  log(`\n${md}`)
  log(`Written to ${path.relative(process.cwd(), dir) || '.'}/latest.md and latest.json`)
}

const { maxMinutes } = parseBenchFlags(process.argv.slice(2))
setTimeout(() => {
  process.stderr.write(`bench: stopped after ${maxMinutes} minutes\n`)
  process.exit(2)
}, maxMinutes * 60_000).unref()

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`)
    process.exit(1)
  },
)
