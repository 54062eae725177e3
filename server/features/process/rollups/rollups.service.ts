import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import {
  addToRefDaily,
  addToStaffDaily,
  allEventsInOrder,
  clearEventRollups,
  markEventsRolledUp,
  unrolledEvents,
} from './event-rollups.repository.js'
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
  // Inside a caller's transaction (the seed) the batches join it, and each reads on from the last id of the one
  // before: PostgreSQL cannot prune the index entries of rows marked earlier in the same transaction, so reading
  // from the start would step over all of them every batch (quadratic in the events). A last pass from the start
  // takes whatever lies behind the cursor. Otherwise each batch is its own transaction and reads from the start,
  // so an event another instance commits behind a cursor never waits for the next call.
  const insideCaller = db.isTransaction
  let applied = 0
  let afterId = 0
  for (let batch = 0; batch < (opts.maxBatches ?? Infinity); batch++) {
    let done: { n: number; lastId: number }
    try {
      done = insideCaller
        ? await applyBatch(db, size, afterId)
        : await db.transaction().execute((trx) => applyBatch(trx, size, 0))
    } catch (err) {
      if (err instanceof RollupConflict || isSqliteBusy(err)) return applied
      throw err
    }
    applied += done.n
    if (done.n === size) afterId = insideCaller ? done.lastId : 0
    else if (afterId > 0) afterId = 0
    else break
  }
  return applied
}

async function applyBatch(
  trx: Kysely<Database>,
  size: number,
  afterId: number,
): Promise<{ n: number; lastId: number }> {
  const rows = await unrolledEvents(trx, size, afterId)
  if (!rows.length) return { n: 0, lastId: afterId }
  const marked = await markEventsRolledUp(
    trx,
    rows.map((r) => Number(r.id)),
  )
  if (marked !== rows.length) throw new RollupConflict()
  await addDeltas(trx, [...sumDeltas(rows.flatMap(deltasOf)).values()])
  return { n: rows.length, lastId: Number(rows[rows.length - 1]!.id) }
}

/** Adds deltas to the rollup tables with an atomic upsert (n = n + delta). */
export async function addDeltas(db: Kysely<Database>, deltas: Delta[]): Promise<void> {
  for (const table of ['staff_daily', 'ref_daily'] as const) {
    const rows = deltas.filter((d) => d.table === table)
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const chunk = rows.slice(i, i + UPSERT_CHUNK)
      await (table === 'staff_daily' ? addToStaffDaily(db, chunk) : addToRefDaily(db, chunk))
    }
  }
}

/**
 * For a bulk writer (the seed) that folds its events in as it writes them: it writes them marked rolled up and
 * adds their summed deltas once at the end, in the same transaction, instead of reading them all back in batches.
 */
export function createEventFold() {
  const sums = new Map<string, Delta>()
  return {
    add(events: readonly RollupEvent[]): void {
      for (const e of events) sumDeltas(deltasOf(e), sums)
    },
    write: (trx: Kysely<Database>) => addDeltas(trx, [...sums.values()]),
  }
}

/** The rollups as a fresh fold over every event would give them (tests; `rebuildRollups`). */
export async function recomputeRollups(db: Kysely<Database>): Promise<Map<string, Delta>> {
  const rows = await allEventsInOrder(db)
  return sumDeltas(rows.flatMap(deltasOf))
}

/** Drops and rebuilds every rollup from the event log, in one transaction. */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(clearEventRollups)
  await refreshRollups(db)
}

// WAL readers that lose the race to write get SQLITE_BUSY(_SNAPSHOT): another process took the batch.
export const isSqliteBusy = (err: unknown) =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY')
