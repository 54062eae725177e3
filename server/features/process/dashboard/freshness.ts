import type { Kysely } from 'kysely'
import type { ProcessView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'

/**
 * How current the figures are, read after the per-request refresh: WeCom behaviour data as of its last
 * sync, and the rollups as of now — unless marks or events are still waiting (a bulk change being worked
 * off by the scheduler), in which case as of the last full rollups run, and 正在更新.
 */
export async function freshness(db: Kysely<Database>, now: Date): Promise<ProcessView['freshness']> {
  const [events, marks, behaviour, lastRun] = await Promise.all([
    db.selectFrom('events').select('id').where('rolled_up', '=', 0).limit(1).executeTakeFirst(),
    db.selectFrom('rollup_dirty').select('key').limit(1).executeTakeFirst(),
    db.selectFrom('sync_state').select('updated_at').where('job', '=', 'behaviour').executeTakeFirst(),
    db
      .selectFrom('sync_runs')
      .select('finished_at')
      .where('job', '=', 'rollups')
      .where('status', '=', 'succeeded')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ])
  const updating = !!events || !!marks
  return {
    wecomSyncedAt: behaviour?.updated_at ?? null,
    rollupsUpdatedAt: updating ? (lastRun?.finished_at ?? null) : now.toISOString(),
    updating,
  }
}
