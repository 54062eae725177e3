import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Pii } from '../../lib/pii.js'
import { ENTITY_TABLES, type EntityTable } from './entity-tables.js'
import { findStoredFingerprints, upsertEntityRows } from './entity-rows.repository.js'
import { FORMATS } from './formats.js'
import { insertOwnerChanges } from './owner-history.repository.js'
import type { CrmEntity, CrmRecords } from './records.js'
import { dropDanglingReferences, dropDuplicates, dropTakenUserids } from './batch-checks.js'
import { chunks } from '../../lib/collections.js'
import { proposeHandovers } from '../handover/index.js'

export interface WriteContext {
  /** An open transaction: the caller decides what commits together. */
  trx: Kysely<Database>
  pii: Pii
  runId: string
  now: Date
  /** Files must not repeat a key; a pulled page may (the later copy wins). */
  rejectDuplicates: boolean
}

export interface NumberedRecord<E extends CrmEntity> {
  rowNo: number
  record: CrmRecords[E]
}

/** A row the writer refused; `column` is the column key. */
export interface RowIssue {
  rowNo: number
  column: string
  reason: string
}

export interface BatchCounts {
  inserted: number
  updated: number
  unchanged: number
}

/** Stays under SQLite's and PostgreSQL's bound-parameter limits whatever the column count. */
const MAX_PARAMS = 20_000

/**
 * Upserts one batch keyed by the bank's ids: rows whose fingerprint is unchanged are not touched, so
 * re-importing a file changes nothing; rows with a duplicate key or a dangling reference are returned
 * as issues and not written. Owner changes of existing customers are recorded with the run.
 */
export async function writeBatch<E extends CrmEntity>(
  w: WriteContext,
  entity: E,
  batch: readonly NumberedRecord<E>[],
  origin = '',
): Promise<BatchCounts & { issues: RowIssue[] }> {
  const et = ENTITY_TABLES[entity] as EntityTable<E>
  const keyOf = FORMATS[entity].keyOf
  const issues: RowIssue[] = []
  let rows = w.rejectDuplicates ? await dropDuplicates(w, entity, batch, origin, issues) : lastCopyWins(batch, keyOf)
  rows = await dropDanglingReferences(w.trx, et, rows, keyOf, issues)
  if (entity === 'staff')
    rows = (await dropTakenUserids(w.trx, rows as NumberedRecord<'staff'>[], issues)) as NumberedRecord<E>[]

  const existing = new Map<string, { fingerprint: string | null; owner: string | null }>()
  for (const part of chunks(
    rows.map((r) => keyOf(r.record)),
    1000,
  )) {
    for (const f of await findStoredFingerprints(w.trx, et, part, entity === 'customers'))
      existing.set(f.key, { fingerprint: f.fingerprint, owner: f.owner ?? null })
  }

  const counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const writes: Record<string, unknown>[] = []
  const ownerChanges: Insertable<Database['customer_owner_changes']>[] = []
  for (const { record } of rows) {
    const key = keyOf(record)
    const fingerprint = w.pii.fingerprint(JSON.stringify(record))
    const before = existing.get(key)
    if (before?.fingerprint === fingerprint) {
      counts.unchanged++
      continue
    }
    counts[before ? 'updated' : 'inserted']++
    writes.push({ ...et.toRow(record, w.pii, w.now), crm_fingerprint: fingerprint })
    const owner = entity === 'customers' ? (record as CrmRecords['customers']).ownerEmployeeId : null
    if (before && entity === 'customers' && before.owner !== owner) {
      ownerChanges.push({
        cif_no: key,
        from_staff_id: before.owner,
        to_staff_id: owner,
        changed_at: w.now.toISOString(),
        run_id: w.runId,
      })
    }
  }
  await upsert(w.trx, et, writes)
  for (const part of chunks(ownerChanges, 1000)) await insertOwnerChanges(w.trx, part)
  await proposeHandovers(w.trx, ownerChanges)
  return { ...counts, issues }
}

async function upsert(
  trx: Kysely<Database>,
  et: EntityTable<CrmEntity>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return
  const columns = Object.keys(rows[0]!)
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / columns.length)))
    await upsertEntityRows(trx, et, part, columns)
}

function lastCopyWins<E extends CrmEntity>(
  batch: readonly NumberedRecord<E>[],
  keyOf: (r: CrmRecords[E]) => string,
): NumberedRecord<E>[] {
  return [...new Map(batch.map((r) => [keyOf(r.record), r])).values()]
}
