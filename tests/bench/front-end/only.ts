/**
 * Only the front-end timing of `npm run bench`, against the current sources, with a waterfall:
 *
 *   npx tsx tests/bench/front-end/only.ts [--db FILE] [--dist DIR] [--runs 5] [--no-floor] [--waterfall]
 *                                          [--trace FILE.json] [--cpuprofile FILE] [--screenshot NAME]
 *   npx tsx tests/bench/front-end/only.ts --bench [--rounds 3] [--db FILE]
 *
 * - `--db`: a SQLite file to copy (into a temp dir, so the original is never touched) and serve; default
 *   the bench's 20,000-customer file in `$TMPDIR/advisor-bench/`, else a freshly seeded small demo bank.
 * - `--dist`: a built front end to serve; default: `vite build` of the current sources into a temp dir
 *   (dist/ is left alone), so a measurement never races another build.
 * - Runs alternate sidebar, floor, sidebar, floor… so background load hits both alike; medians reported.
 * - `--waterfall`: every request of each run, sidebar and floor (resource timing: start, first byte, end),
 *   the paint and `advisor:*` marks, relative to navigation start.
 * - `--trace`: a Chromium performance trace of one extra throttled sidebar load (open in DevTools).
 * - `--cpuprofile`: a V8 CPU profile (.cpuprofile) of one extra throttled sidebar load, and its heaviest functions.
 * - `--screenshot`: an unthrottled 360×720 screenshot once the profile is rendered, in tests/e2e/screenshots/.
 * - `--bench [--rounds N]`: instead of all the above, exactly what `npm run bench` measures (frontEndTiming:
 *   the compiled app in its own process serving dist/, median of 3 against the floor page), N times
 *   (default 1). Like the bench, it compiles the server and builds dist/ first when they are stale.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { createApp } from '../../../server/app.js'
import { buildFrontEndIfNeeded } from '../../../server/cli/build-if-needed.js'
import { loadConfig } from '../../../server/config.js'
import { openDb } from '../../../server/db/connect.js'
import { migrateToLatest } from '../../../server/db/migrate.js'
import { seedDemoBank } from '../../../server/features/seed/seed.js'
import { createLogger } from '../../../server/lib/logger.js'
import { piiOf } from '../../../server/lib/pii.js'
import { launchBrowser, screenshot, SIDEBAR_VIEWPORT } from '../../e2e/support/browser.js'
import { buildServer, freePort, startBenchServer } from '../child-process.js'
import { pickSubjects } from '../subjects.js'
import { buildFloor, serveFloor } from './floor.js'
import { frontEndTiming } from './run-front-end.js'
import { throttle, timeToProfile } from './time-to-profile.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const BENCH_DB = path.join(
  process.env.TMPDIR ?? os.tmpdir(),
  'advisor-bench',
  'advisor-bench-20000-40000-200000-1000-400-20000.db',
)
const MARK = 'advisor:profile-rendered'
const log = (line: string) => process.stdout.write(`${line}\n`)

function flags(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(name)
    return i === -1 ? undefined : argv[i + 1]
  }
  return {
    db: value('--db') ?? (fs.existsSync(BENCH_DB) ? BENCH_DB : undefined),
    dist: value('--dist'),
    runs: Number(value('--runs') ?? 3),
    floor: !argv.includes('--no-floor'),
    waterfall: argv.includes('--waterfall'),
    trace: value('--trace'),
    cpuprofile: value('--cpuprofile'),
    screenshot: value('--screenshot'),
    bench: argv.includes('--bench'),
    rounds: Number(value('--rounds') ?? 1),
  }
}

/** Temp dirs (a 200 MB database copy, the floor build) go when the process does, however it ends. */
function removeOnExit(dir: string): string {
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

interface Row {
  name: string
  start: number
  firstByte: number
  end: number
  kb: number
}

/** Resource timing of the page so far, navigation first, relative to navigation start. */
async function waterfall(page: Page): Promise<{ rows: Row[]; marks: [string, number][] }> {
  // A string, not a function: tsx's name helper (`__name`) does not exist in the page.
  return page.evaluate(`(() => {
    const short = (u) => { const url = new URL(u); return url.pathname.replace(/^\\/assets\\//, '') + (url.pathname.startsWith('/api/') ? url.search : '') }
    const nav = performance.getEntriesByType('navigation')[0]
    const res = performance.getEntriesByType('resource')
    const rows = [nav, ...res].map((e) => ({ name: e === nav ? 'document' : short(e.name), start: e.startTime, firstByte: e.responseStart, end: e.responseEnd, kb: e.encodedBodySize / 1024 }))
    const marks = [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('paint')]
      .filter((m) => m.name.startsWith('advisor:') || m.entryType === 'paint')
      .map((m) => [m.name, m.startTime])
    return { rows, marks }
  })()`)
}

function printWaterfall(w: Awaited<ReturnType<typeof waterfall>>): void {
  const f = (n: number) => n.toFixed(0).padStart(5)
  for (const r of w.rows.sort((a, b) => a.start - b.start))
    log(`    ${f(r.start)} → ${f(r.firstByte)} → ${f(r.end)} ms  ${r.kb.toFixed(1).padStart(6)} KB  ${r.name}`)
  for (const [name, t] of w.marks.sort((a, b) => a[1] - b[1])) log(`    ${f(t)} ms  mark ${name}`)
}

async function openDatabase(file: string | undefined, dir: string): Promise<string> {
  if (file) {
    const copy = path.join(dir, 'bench.db')
    fs.copyFileSync(file, copy)
    return `sqlite:${copy}`
  }
  const url = `sqlite:${path.join(dir, 'demo.db')}`
  const config = loadConfig({ DEMO: '1', DATABASE_URL: url })
  const db = await openDb(url)
  await migrateToLatest(db, { pii: piiOf(config) })
  await seedDemoBank(db, { now: new Date(), pii: piiOf(config), customers: 3000 })
  await db.close()
  return url
}

/** The bench's own front-end measurement (run-front-end.ts) against a copy of the database. */
async function benchTiming(opts: ReturnType<typeof flags>, tmp: string): Promise<void> {
  const databaseUrl = await openDatabase(opts.db, tmp)
  const config = loadConfig({ DEMO: '1', DATABASE_URL: databaseUrl })
  const db = await openDb(databaseUrl)
  const server = await startBenchServer({ mode: 'app', databaseUrl, logLevel: 'warn' })
  try {
    const manager = (await pickSubjects(db, config)).busiest
    for (let i = 0; i < opts.rounds; i++) {
      const t = await frontEndTiming(server, manager)
      log(
        `round ${i + 1}: sidebar ${t.appMs.toFixed(0)} ms [${t.appRuns.map((x) => x.toFixed(0)).join(', ')}], floor ${t.floorMs.toFixed(0)} ms [${t.floorRuns.map((x) => x.toFixed(0)).join(', ')}] → ratio ${(t.appMs / t.floorMs).toFixed(2)}`,
      )
    }
  } finally {
    await server.stop()
    await db.close()
  }
}

async function main(): Promise<void> {
  const opts = flags(process.argv.slice(2))
  const tmp = removeOnExit(fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-fe-only-')))
  if (opts.bench) {
    buildFrontEndIfNeeded(ROOT)
    try {
      buildServer()
    } catch (err) {
      log(`${err instanceof Error ? err.message : String(err)}: the app runs from build/ as last compiled`)
    }
    log(`database: ${opts.db ?? 'fresh demo bank (3,000 customers)'}; front end: dist/`)
    await benchTiming(opts, tmp)
    return
  }
  let distDir = opts.dist
  if (!distDir) {
    distDir = path.join(tmp, 'dist')
    log(`building the front end into ${distDir}`)
    process.env.NODE_ENV = 'production'
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: ROOT,
      logLevel: 'warn',
      build: { outDir: distDir, emptyOutDir: true },
    })
  }
  log(`database: ${opts.db ?? 'fresh demo bank (3,000 customers)'}`)
  const databaseUrl = await openDatabase(opts.db, tmp)
  const port = await freePort()
  const config = loadConfig({ DEMO: '1', PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' })
  const db = await openDb(databaseUrl)
  await migrateToLatest(db, { pii: piiOf(config) })
  const { app } = createApp(config, { db, logger: createLogger('warn'), distDir })
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s))
  })
  const origin = `http://localhost:${port}`
  let browser: Browser | undefined
  let floor: Awaited<ReturnType<typeof serveFloor>> | undefined
  try {
    const manager = (await pickSubjects(db, config)).busiest
    const contact = manager.contacts[0]!
    const [name, value] = manager.cookie.split(/=(.*)/s) as [string, string]
    const prepare = (ctx: BrowserContext) => ctx.addCookies([{ name, value, url: origin }])
    const sidebarUrl = `${origin}/sidebar?${new URLSearchParams({ sim_user: manager.userid, sim_contact: contact, sim_entry: 'single_chat_tools' })}`
    if (opts.floor) {
      const res = await fetch(`${origin}/api/contacts/${encodeURIComponent(contact)}`, {
        headers: { cookie: manager.cookie },
      })
      if (!res.ok) throw new Error(`profile for the floor page: HTTP ${res.status}`)
      floor = await serveFloor(removeOnExit(await buildFloor()), await res.text())
    }
    browser = await launchBrowser()
    const app: number[] = []
    const fl: number[] = []
    for (let i = 0; i < opts.runs; i++) {
      const run = await timeToProfile(browser, sidebarUrl, {
        runs: 1,
        prepare,
        inspect: opts.waterfall
          ? async (page) => {
              log(`  sidebar run ${i + 1}:`)
              printWaterfall(await waterfall(page))
            }
          : undefined,
      })
      app.push(run.runsMs[0]!)
      if (floor) {
        fl.push(
          (
            await timeToProfile(browser, floor.url, {
              runs: 1,
              inspect: opts.waterfall
                ? async (page) => {
                    log(`  floor run ${i + 1}:`)
                    printWaterfall(await waterfall(page))
                  }
                : undefined,
            })
          ).runsMs[0]!,
        )
      }
      log(`  run ${i + 1}: sidebar ${app[i]!.toFixed(0)} ms${floor ? `, floor ${fl[i]!.toFixed(0)} ms` : ''}`)
    }
    log(`sidebar median ${median(app).toFixed(0)} ms [${app.map((x) => x.toFixed(0)).join(', ')}]`)
    if (floor)
      log(
        `floor   median ${median(fl).toFixed(0)} ms [${fl.map((x) => x.toFixed(0)).join(', ')}] → ratio ${(median(app) / median(fl)).toFixed(2)}`,
      )
    if (opts.trace) await traceOne(browser, sidebarUrl, prepare, opts.trace)
    if (opts.cpuprofile) await profileOne(browser, sidebarUrl, prepare, opts.cpuprofile)
    if (opts.screenshot) await shoot(browser, sidebarUrl, prepare, opts.screenshot)
  } finally {
    await browser?.close()
    await floor?.close()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await db.close()
  }
}

async function traceOne(
  browser: Browser,
  url: string,
  prepare: (ctx: BrowserContext) => Promise<void>,
  file: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
  try {
    await prepare(context)
    const page = await context.newPage()
    await throttle(page)
    await browser.startTracing(page, { path: file, screenshots: true })
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
      timeout: 60_000,
      polling: 50,
    })
    await browser.stopTracing()
    log(`trace written to ${file}`)
  } finally {
    await context.close()
  }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

async function profileOne(
  browser: Browser,
  url: string,
  prepare: (ctx: BrowserContext) => Promise<void>,
  file: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
  try {
    await prepare(context)
    const page = await context.newPage()
    await throttle(page)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
      timeout: 60_000,
      polling: 50,
    })
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
    }
    fs.writeFileSync(file, JSON.stringify(profile))
    // Self time per function (CPU-throttled wall time), heaviest first.
    const self = new Map<number, number>()
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
    const byFn = new Map<string, number>()
    for (const n of profile.nodes) {
      const f = n.callFrame
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`
      byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0) / 1000)
    }
    const byUrl = new Map<string, number>()
    for (const n of profile.nodes)
      byUrl.set(
        n.callFrame.url.replace(/^.*\//, '') || n.callFrame.functionName,
        (byUrl.get(n.callFrame.url.replace(/^.*\//, '') || n.callFrame.functionName) ?? 0) +
          (self.get(n.id) ?? 0) / 1000,
      )
    log(`cpu profile written to ${file}; self time by file:`)
    for (const [k, v] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15))
      log(`  ${v.toFixed(0).padStart(5)} ms  ${k}`)
    log('heaviest functions:')
    for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25))
      log(`  ${v.toFixed(0).padStart(5)} ms  ${k}`)
  } finally {
    await context.close()
  }
}

async function shoot(
  browser: Browser,
  url: string,
  prepare: (ctx: BrowserContext) => Promise<void>,
  name: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
  try {
    await prepare(context)
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
      timeout: 60_000,
      polling: 50,
    })
    await page.waitForLoadState('networkidle')
    log(`screenshot: ${await screenshot(page, name)}`)
  } finally {
    await context.close()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
    process.exit(1)
  },
)
