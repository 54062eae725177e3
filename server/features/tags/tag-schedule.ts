import type { AppContext } from '../../lib/context.js'
import { syncCatalogue } from './catalogue.service.js'
import { catalogueSyncedAt } from './tags.repository.js'

const TICK_MS = 60 * 60_000
const DAY_MS = 24 * 3600_000

/** Reads the catalogue shortly after start and again once the copy is a day old (nightly with a steady process). */
export function startTagSchedule(ctx: AppContext): () => void {
  const tick = async () => {
    try {
      const at = await catalogueSyncedAt(ctx.db.kysely)
      if (!at || ctx.now().getTime() - Date.parse(at) >= DAY_MS) await syncCatalogue(ctx)
    } catch (err) {
      ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'tag catalogue sync failed')
    }
  }
  const first = setTimeout(tick, 5_000)
  const timer = setInterval(tick, TICK_MS)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
