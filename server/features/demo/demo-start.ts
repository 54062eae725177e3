import type { AppDeps } from '../../app.js'
import type { Config } from '../../config.js'
import type { AppContext } from '../../lib/context.js'
import { piiOf } from '../../lib/pii.js'
import { refreshDashboardRollups, runJob } from '../process/index.js'
import { isSeeded, seedDemoBank } from '../seed/index.js'
import { loadImportState } from '../wecom/index.js'

/** Runs `work` with a context whose WeCom client reaches the simulator before the app's port is open. */
export type SimulatorReach = <T>(ctx: AppContext, work: (ctx: AppContext) => Promise<T>) => Promise<T>

/** How the demo bank is seeded: the customer count the e2e tests shrink it to; the default bank otherwise. */
export interface DemoSeedOptions {
  customers?: number
}

/**
 * First start in demo mode: fill the embedded database with the demo bank, relations included (its content and
 * Q&A activity is seeded against them); then the relation import, the same code as `npm run sync`, reconciles
 * them with the simulator before the port opens. `DEMO_SCENARIO=new-corp` seeds no relation of ours at all and
 * leaves the import to run after the port opens, visibly in the console, as on a real corp's first day.
 */
export async function onDemoStart(
  config: Readonly<Config>,
  deps: AppDeps,
  reachSimulator: SimulatorReach,
  seed: DemoSeedOptions = {},
): Promise<void> {
  const newCorp = config.demoScenario === 'new-corp'
  if (!(await isSeeded(deps.db))) {
    const started = Date.now()
    // The bank demo's content and Q&A activity is seeded against its relations, so they are written with the
    // seed; the import below then reconciles them with the simulator through the production code path.
    const wecomContacts = !newCorp
    const summary = await seedDemoBank(deps.db, { now: new Date(), pii: piiOf(config), wecomContacts, ...seed })
    deps.logger.info({ ...summary, ms: Date.now() - started, scenario: config.demoScenario }, 'demo bank seeded')
  }
  if (newCorp || (await loadImportState(deps.db.kysely))?.status === 'finished') return
  const started = Date.now()
  const ctx: AppContext = { config, db: deps.db, logger: deps.logger, now: () => new Date() }
  const outcome = await reachSimulator(ctx, (c) => runJob(c, 'relations', 'schedule'))
  // The dashboard opens on verdicts and coverage that include every imported relation.
  if (outcome.status === 'succeeded') await refreshDashboardRollups(deps.db.kysely)
  deps.logger.info({ ...outcome, ms: Date.now() - started }, 'demo relations imported from the simulator')
}

/**
 * New-corp demo: once the port is open, the relation import runs as on a real corp's first start — through
 * the WeCom client against the simulator's qyapi, the same code path as production. Progress is in the console.
 */
export function afterDemoListen(ctx: AppContext): void {
  if (ctx.config.demoScenario !== 'new-corp') return
  void (async () => {
    if ((await loadImportState(ctx.db.kysely))?.status === 'finished') return
    await runJob(ctx, 'relations', 'schedule')
  })().catch((err: unknown) =>
    ctx.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'new-corp relation import failed'),
  )
}
