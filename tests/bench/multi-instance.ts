import type { Db } from '../../server/db/connect.js'
import { startBenchServer, type BenchServer } from './child-process.js'
import type { BenchFlags } from './flags.js'
import { load, pick, type LoadResult } from './load.js'
import { startRoundRobinProxy } from './proxy.js'
import type { Subjects } from './subjects.js'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const unfinishedRuns = async (db: Db) =>
  Number(
    (
      await db.kysely
        .selectFrom('sync_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('finished_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

export interface MultiInstanceFigures {
  instances: number
  /** One instance behind the same proxy: the fair baseline (the proxy costs CPU on this machine too). */
  oneInstance: LoadResult
  total: LoadResult
  perInstanceRps: number[]
  /** Scheduler runs that started during the phase, and how many of them overlapped a run of the same job. */
  schedulerRuns: number
  overlappingRuns: number
}

/**
 * N app instances over one database behind a round-robin proxy, the profile load at max throughput, with the
 * scheduler on in every instance: its jobs must run once, not once per instance (the job lock in the database).
 */
export async function runMultiInstance(
  db: Db,
  spec: { databaseUrl: string; logLevel: string; wecomApiBase: string },
  subjects: Subjects,
  flags: BenchFlags,
  step: (name: string) => void,
): Promise<MultiInstanceFigures> {
  const startedAt = new Date().toISOString()
  const servers: BenchServer[] = []
  try {
    for (let i = 0; i < flags.instances; i++)
      servers.push(await startBenchServer({ ...spec, mode: 'app', scheduler: true }))
    // Every instance's scheduler ticks 5 s after start: let that first round (one instance wins each job's
    // lock) finish before measuring, so the load figures are the API's alone.
    await new Promise((r) => setTimeout(r, 6_000))
    for (let waited = 0; waited < 60_000 && (await unfinishedRuns(db)) > 0; waited += 500)
      await new Promise((r) => setTimeout(r, 500))
    const profile = () => ({
      path: `/api/contacts/${encodeURIComponent(pick(subjects.busiest.contacts))}`,
      headers: { cookie: subjects.busiest.cookie },
    })
    const base = { seconds: flags.duration, connections: flags.connections, next: profile }
    step(`${flags.instances} instances: profile, max throughput through the proxy to one instance`)
    const single = await startRoundRobinProxy(servers.slice(0, 1))
    const oneInstance = await load(single, base).finally(() => single.stop())
    step(`${flags.instances} instances: profile, max throughput through the proxy to all`)
    const proxy = await startRoundRobinProxy(servers)
    const total = await load(proxy, base).finally(() => proxy.stop())
    const runs = await db.kysely
      .selectFrom('sync_runs')
      .select(['job', 'started_at', 'finished_at'])
      .where('started_at', '>=', startedAt)
      .orderBy('job')
      .orderBy('started_at')
      .execute()
    let overlappingRuns = 0
    runs.forEach((r, i) => {
      const prev = runs[i - 1]
      if (prev && prev.job === r.job && (!prev.finished_at || prev.finished_at > r.started_at)) overlappingRuns++
    })
    return {
      instances: flags.instances,
      oneInstance,
      total,
      // The proxy counted warm-up requests too: split the measured total in the proportions it forwarded.
      perInstanceRps: proxy.counts.map((n) => (total.rps * n) / Math.max(1, sum(proxy.counts))),
      schedulerRuns: runs.length,
      overlappingRuns,
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}
