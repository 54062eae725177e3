import type { AppContext } from '../../../lib/context.js'
import { addDays, today } from '../days.js'
import { relationImportDue } from '../../wecom/index.js'
import { doneUntil } from './sync-runs.repository.js'
import { runDailySync, runJob } from './sync.service.js'

const TICK_MS = 10 * 60_000

/**
 * In-process scheduler: every tick refreshes the rollups and task results; once yesterday's behaviour
 * data is missing (WeCom publishes it overnight) it runs the full daily pull. The relation import runs
 * on first start (and resumes after an interruption) and reconciles nightly. Several instances may
 * tick at once: the job locks let one of them work.
 */
export function startScheduler(ctx: AppContext): () => void {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      // The demo's seed already holds the relations: there the import runs from the console or `npm run sync`.
      if (!ctx.config.demo && (await relationImportDue(ctx.db.kysely, ctx.now())))
        await runJob(ctx, 'relations', 'schedule')
      const yesterday = addDays(today(ctx.now()), -1)
      const done = await doneUntil(ctx.db.kysely, 'behaviour')
      if (!done || done < yesterday) await runDailySync(ctx, 'schedule')
      else for (const job of ['tasks', 'rollups'] as const) await runJob(ctx, job, 'schedule')
    } catch (err) {
      ctx.logger.warn({ err }, 'scheduled sync failed')
    } finally {
      running = false
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
