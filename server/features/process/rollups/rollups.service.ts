import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { deltasOf, sumDeltas, type Delta, type RollupEvent } from './metrics.js'

const BATCH = 2000
const UPSERT_CHUNK = 400

class RollupConflict extends Error {}

/**
 * Folds events not yet in the rollups into them, a batch per transaction. Each event is marked in
 * the same transaction as its deltas, so it counts exactly once; when another instance takes the
 * same batch first, the mark count differs and this transaction rolls back. Returns events applied.
 */
export async function refreshRollups(
  db: Kysely<Database>,
  opts: { maxBatches?: number; batchSize?: number } = {},
): Promise<number> {
  const size = opts.batchSize ?? BATCH
  let applied = 0
  for (let batch = 0; batch < (opts.maxBatches ?? Infinity); batch++) {
    let n: number
    try {
      // Inside a caller's transaction (the seed) the batch joins it; otherwise each batch is its own.
      n = db.isTransaction ? await applyBatch(db, size) : await db.transaction().execute((trx) => applyBatch(trx, size))
    } catch (err) {
      if (err instanceof RollupConflict || isSqliteBusy(err)) return applied
      throw err
    }
    applied += n
    if (n < size) break
  }
  return applied
}

async function applyBatch(trx: Kysely<Database>, size: number): Promise<number> {
  const rows: (RollupEvent & { id: number })[] = await trx
    .selectFrom('events')
    .select(['id', 'type', 'staff_userid', 'ref_id', 'occurred_at', 'payload'])
    .where('rolled_up', '=', 0)
    .orderBy('id')
    .limit(size)
    .execute()
  if (!rows.length) return 0
  const marked = await trx
    .updateTable('events')
    .set({ rolled_up: 1 })
    .where(
      'id',
      'in',
      rows.map((r) => Number(r.id)),
    )
    .where('rolled_up', '=', 0)
    .executeTakeFirst()
  if (Number(marked.numUpdatedRows) !== rows.length) throw new RollupConflict()
  await addDeltas(trx, [...sumDeltas(rows.flatMap(deltasOf)).values()])
  return rows.length
}

/** Adds deltas to the rollup tables with an atomic upsert (n = n + delta). */
export async function addDeltas(db: Kysely<Database>, deltas: Delta[]): Promise<void> {
  for (const table of ['staff_daily', 'ref_daily'] as const) {
    const rows = deltas.filter((d) => d.table === table)
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const chunk = rows.slice(i, i + UPSERT_CHUNK)
      if (table === 'staff_daily') {
        await db
          .insertInto('staff_daily')
          .values(chunk.map((d) => ({ staff_userid: d.key, day: d.day, metric: d.metric, n: d.n })))
          .onConflict((oc) =>
            oc.columns(['staff_userid', 'day', 'metric']).doUpdateSet({ n: sql<number>`staff_daily.n + excluded.n` }),
          )
          .execute()
      } else {
        await db
          .insertInto('ref_daily')
          .values(chunk.map((d) => ({ ref_id: d.key, day: d.day, metric: d.metric, n: d.n })))
          .onConflict((oc) =>
            oc.columns(['ref_id', 'day', 'metric']).doUpdateSet({ n: sql<number>`ref_daily.n + excluded.n` }),
          )
          .execute()
      }
    }
  }
}

/** The rollups as a fresh fold over every event would give them (tests; `rebuildRollups`). */
export async function recomputeRollups(db: Kysely<Database>): Promise<Map<string, Delta>> {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'staff_userid', 'ref_id', 'occurred_at', 'payload'])
    .orderBy('id')
    .execute()
  return sumDeltas(rows.flatMap(deltasOf))
}

/** Drops and rebuilds every rollup from the event log, in one transaction. */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('staff_daily').execute()
    await trx.deleteFrom('ref_daily').execute()
    await trx.updateTable('events').set({ rolled_up: 0 }).where('rolled_up', '=', 1).execute()
  })
  await refreshRollups(db)
}

// WAL readers that lose the race to write get SQLITE_BUSY(_SNAPSHOT): another process took the batch.
export const isSqliteBusy = (err: unknown) =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY')
