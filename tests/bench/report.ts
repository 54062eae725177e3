import os from 'node:os'
import type { Budget, DbFigures } from './budgets.js'
import type { Dataset } from './dataset.js'
import type { FrontEndFigures } from './front-end/run-front-end.js'
import type { LoadResult } from './load.js'

export interface BenchResults {
  command: string
  startedAt: string
  minutes: number
  machine: string
  datasets: Record<string, Dataset>
  databases: DbFigures[]
  frontEnd: Partial<FrontEndFigures>
  budgets: Budget[]
}

export const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`

const f = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d))
const s = (n: number | null) => (n === null ? 'reused' : `${n.toFixed(0)} s`)

function loadRow(name: string, r: LoadResult, ceiling: number): string {
  return `| ${name} | ${f(r.rps, 0)} | ${f(r.rps / ceiling, 2)} | ${f(r.p50, 0)} | ${f(r.p99, 0)} | ${r.requests} | ${r.failures} |`
}

function multiInstanceRows(d: DbFigures, c: number): string[] {
  const m = d.multiInstance
  if (!m) return []
  return [
    '',
    `${m.instances} app instances over this database behind a round-robin proxy (scheduler on in each):`,
    '',
    '| load | req/s | ÷ Express hello | p50 ms | p99 ms | requests | non-2xx/errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    loadRow('profile, proxy → one instance', m.oneInstance, c),
    loadRow(`profile, proxy → ${m.instances} instances`, m.total, c),
    '',
    `Per instance: ${m.perInstanceRps.map((r) => f(r, 0)).join(' / ')} req/s; total ÷ one instance ${f(m.total.rps / m.oneInstance.rps, 2)}. Scheduler runs during the phase: ${m.schedulerRuns}, overlapping runs of one job: ${m.overlappingRuns}.`,
    '',
  ]
}

function dbSection(d: DbFigures, data: Dataset): string[] {
  const c = d.expressHello.rps
  const a = d.api
  return [
    `### ${d.dialect}`,
    '',
    `Dataset: ${Object.entries(data.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
      .join(
        ' · ',
      )}. Seed ${s(data.seedSeconds)}, top-up ${s(data.topupSeconds)}. Peak server RSS ${f(d.peakRssMb, 0)} MB.`,
    '',
    '| load | req/s | ÷ Express hello | p50 ms | p99 ms | requests | non-2xx/errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    loadRow('bare node:http hello', d.nodeHello, c),
    loadRow('Express 5 hello, same middleware stack', d.expressHello, c),
    loadRow('profile GET /api/contacts/:id, max', a.profileMax, c),
    loadRow('profile at half of max', a.profileHalf, c),
    loadRow('content recommendations, max', a.recommendations, c),
    loadRow('reply suggestions at 100 req/s', a.suggestionsAt100, c),
    loadRow('reply suggestions, max', a.suggestionsMax, c),
    loadRow(
      `callbacks (1 in 5 repeated; ${d.callbacks.stored} stored, all processed ${d.callbacks.drainSeconds.toFixed(0)} s after the burst)`,
      d.callbacks,
      c,
    ),
    '',
    ...multiInstanceRows(d, c),
    '| dashboard (sequential) | p50 ms | p95 ms | requests | failures |',
    '|---|---:|---:|---:|---:|',
    `| branch × month | ${f(a.dashboardBranch.p50, 0)} | ${f(a.dashboardBranch.p95, 0)} | ${a.dashboardBranch.requests} | ${a.dashboardBranch.failures} |`,
    `| head office × month | ${f(a.dashboardHead.p50, 0)} | ${f(a.dashboardHead.p95, 0)} | ${a.dashboardHead.requests} | ${a.dashboardHead.failures} |`,
    '',
  ]
}

export function markdown(r: BenchResults): string {
  const fe = r.frontEnd
  return [
    `# Advisor Desk bench — ${r.startedAt}`,
    '',
    `Command: \`${r.command}\` · ${r.minutes.toFixed(1)} min · ${r.machine}`,
    '',
    '## Budgets',
    '',
    '| figure | value | budget | ok |',
    '|---|---:|---:|:---:|',
    ...r.budgets.map(
      (b) =>
        `| ${b.name}${b.note ? ` (${b.note})` : ''} | ${b.value ?? '—'} | ${b.budget} | ${b.ok === null ? 'n/a' : b.ok ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    '## Server',
    '',
    ...r.databases.flatMap((d) => dbSection(d, r.datasets[d.dialect]!)),
    '## Front end',
    '',
    fe.sidebar
      ? `Sidebar initial load (entry + sidebar chunk, static imports): JS ${f(fe.sidebar.jsGzipKb)} KB, CSS ${f(fe.sidebar.cssGzipKb)} KB gzip, ${fe.sidebar.files.length} files.`
      : '',
    fe.verify
      ? `Verification page initial load: JS ${f(fe.verify.jsGzipKb)} KB, CSS ${f(fe.verify.cssGzipKb)} KB gzip.`
      : '',
    fe.timeToProfile
      ? `Time-to-profile (CPU 4×, 150 ms RTT, 1.6 Mbit/s, cold cache, median of ${fe.timeToProfile.appRuns.length}): sidebar ${f(fe.timeToProfile.appMs, 0)} ms [${fe.timeToProfile.appRuns.map((x) => x.toFixed(0)).join(', ')}], floor page ${f(fe.timeToProfile.floorMs, 0)} ms [${fe.timeToProfile.floorRuns.map((x) => x.toFixed(0)).join(', ')}].`
      : '',
    '',
  ].join('\n')
}
