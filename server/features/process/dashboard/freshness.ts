import type { Kysely } from 'kysely'
import type { ProcessView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import { lastSucceededRun, syncStateUpdatedAt } from '../sync/sync-runs.repository.js'
import { anyDirtyMark, anyEventNotRolledUp } from './freshness.repository.js'

/**
 * How current the figures are, read after the per-request refresh: WeCom behaviour data as of its last
 * sync, and the rollups as of now — unless marks or events are still waiting (a bulk change being worked
 * off by the scheduler), in which case as of the last full rollups run, and 正在更新.
 */
export async function freshness(db: Kysely<Database>, now: Date): Promise<ProcessView['freshness']> {
  const [events, marks, behaviour, lastRun] = await Promise.all([
    anyEventNotRolledUp(db),
    anyDirtyMark(db),
    syncStateUpdatedAt(db, 'behaviour'),
    lastSucceededRun(db, 'rollups'),
  ])
  const updating = !!events || !!marks
  return {
    wecomSyncedAt: behaviour?.updated_at ?? null,
    rollupsUpdatedAt: updating ? (lastRun?.finished_at ?? null) : now.toISOString(),
    updating,
  }
}
