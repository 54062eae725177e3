import type { AppDeps } from '../../app.js'
import type { Config } from '../../config.js'
import { piiOf } from '../../lib/pii.js'
import { isSeeded, seedDemoBank } from '../seed/index.js'

/** First start in demo mode: fill the embedded database with the demo bank. */
export async function onDemoStart(config: Readonly<Config>, deps: AppDeps): Promise<void> {
  if (await isSeeded(deps.db)) return
  const started = Date.now()
  const summary = await seedDemoBank(deps.db, { now: new Date(), pii: piiOf(config) })
  deps.logger.info({ ...summary, ms: Date.now() - started }, 'demo bank seeded')
}
