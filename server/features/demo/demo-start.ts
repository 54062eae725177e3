import type { AppDeps } from '../../app.js'
import type { Config } from '../../config.js'
import type { AppContext } from '../../lib/context.js'
import { piiOf } from '../../lib/pii.js'
import { runJob } from '../process/index.js'
import { isSeeded, seedDemoBank } from '../seed/index.js'
import { loadImportState } from '../wecom/index.js'

/**
 * First start in demo mode: fill the embedded database with the demo bank. `DEMO_SCENARIO=new-corp` writes
 * only WeCom's side (the simulator's world): our relations table starts empty, as on a real corp's first day.
 */
export async function onDemoStart(config: Readonly<Config>, deps: AppDeps): Promise<void> {
  if (await isSeeded(deps.db)) return
  const started = Date.now()
  const wecomContacts = config.demoScenario !== 'new-corp'
  const summary = await seedDemoBank(deps.db, { now: new Date(), pii: piiOf(config), wecomContacts })
  deps.logger.info({ ...summary, ms: Date.now() - started, scenario: config.demoScenario }, 'demo bank seeded')
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
