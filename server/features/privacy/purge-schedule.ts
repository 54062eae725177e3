import type { AppContext } from '../../lib/context.js'
import { purgeExpired } from './purge.service.js'

const FIRST_MS = 60_000
const EVERY_MS = 6 * 3600_000

/**
 * Runs the retention purge shortly after start and every six hours. No lock across instances: a
 * purge only deletes rows by id inside its batch transaction, so two running at once delete each row once.
 */
export function startPurgeSchedule(ctx: AppContext): () => void {
  const run = async () => {
    try {
      const deleted = await purgeExpired(ctx.db.kysely, ctx.now())
      ctx.logger.info({ deleted }, 'retention purge done')
    } catch (err) {
      ctx.logger.warn({ err }, 'retention purge failed')
    }
  }
  const first = setTimeout(run, FIRST_MS)
  const timer = setInterval(run, EVERY_MS)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
