import { sql, type Insertable, type Kysely } from 'kysely'
import { untyped } from '../../db/untyped.js'
import type { Database } from '../../db/database.js'
import type { Pii } from '../../lib/pii.js'
import { ENTITY_TABLES, type EntityTable } from './entity-tables.js'
import { FORMATS } from './formats.js'
import type { CrmEntity, CrmRecords } from './records.js'
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
    const found = await untyped(w.trx)
      .selectFrom(et.table)
      .select([
        `${et.keyColumn} as key`,
        'crm_fingerprint as fingerprint',
        ...(entity === 'customers' ? ['owner_staff_id as owner'] : []),
      ])
      .where(et.keyColumn, 'in', part)
      .execute()
    for (const f of found) existing.set(f.key, { fingerprint: f.fingerprint, owner: f.owner ?? null })
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
  for (const part of chunks(ownerChanges, 1000)) await w.trx.insertInto('customer_owner_changes').values(part).execute()
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
  const update = Object.fromEntries(columns.filter((c) => c !== et.keyColumn).map((c) => [c, sql.ref(`excluded.${c}`)]))
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / columns.length))) {
    await untyped(trx)
      .insertInto(et.table)
      .values(part)
      .onConflict((oc) => oc.column(et.keyColumn).doUpdateSet(update))
      .execute()
  }
}

function lastCopyWins<E extends CrmEntity>(
  batch: readonly NumberedRecord<E>[],
  keyOf: (r: CrmRecords[E]) => string,
): NumberedRecord<E>[] {
  return [...new Map(batch.map((r) => [keyOf(r.record), r])).values()]
}

/** Remembers every key of the run in the database (not in memory), so a million-row file stays flat. */
async function dropDuplicates<E extends CrmEntity>(
  w: WriteContext,
  entity: E,
  batch: readonly NumberedRecord<E>[],
  origin: string,
  issues: RowIssue[],
) {
  const keyOf = FORMATS[entity].keyOf
  const column = FORMATS[entity].keyColumn
  const first = new Map<string, NumberedRecord<E>>()
  for (const r of batch) {
    const key = keyOf(r.record)
    const earlier = first.get(key)
    if (earlier) issues.push({ rowNo: r.rowNo, column, reason: `与第 ${earlier.rowNo} 行重复` })
    else first.set(key, r)
  }
  const fresh = new Set<string>()
  for (const part of chunks([...first.values()], 1000)) {
    const inserted = await w.trx
      .insertInto('crm_import_seen')
      .values(part.map((r) => ({ run_id: w.runId, entity, key: keyOf(r.record), row_no: r.rowNo, origin })))
      .onConflict((oc) => oc.columns(['run_id', 'entity', 'key']).doNothing())
      .returning('key')
      .execute()
    for (const r of inserted) fresh.add(r.key)
  }
  const repeated = [...first.keys()].filter((k) => !fresh.has(k))
  for (const part of chunks(repeated, 1000)) {
    const seen = await w.trx
      .selectFrom('crm_import_seen')
      .select(['key', 'row_no', 'origin'])
      .where('run_id', '=', w.runId)
      .where('entity', '=', entity)
      .where('key', 'in', part)
      .execute()
    for (const s of seen)
      issues.push({
        rowNo: first.get(s.key)!.rowNo,
        column,
        reason: `与${s.origin === origin ? '' : ` ${s.origin} `}第 ${s.row_no} 行重复`,
      })
  }
  return [...first.values()].filter((r) => fresh.has(keyOf(r.record)))
}

async function dropDanglingReferences<E extends CrmEntity>(
  trx: Kysely<Database>,
  et: EntityTable<E>,
  rows: NumberedRecord<E>[],
  keyOf: (r: CrmRecords[E]) => string,
  issues: RowIssue[],
) {
  const bad = new Set<NumberedRecord<E>>()
  for (const ref of et.refs) {
    const wanted = [...new Set(rows.map((r) => ref.value(r.record)).filter((v): v is string => !!v))]
    const known = new Set<string>()
    for (const part of chunks(wanted, 1000)) {
      const found = await untyped(trx)
        .selectFrom(ref.table)
        .select(`${ref.idColumn} as id`)
        .where(ref.idColumn, 'in', part)
        .execute()
      for (const f of found) known.add(f.id)
    }
    const earlierInBatch = new Set<string>()
    for (const r of rows) {
      const v = ref.value(r.record)
      if (v && !known.has(v) && !(ref.table === et.table && earlierInBatch.has(v))) {
        issues.push({ rowNo: r.rowNo, column: ref.column, reason: ref.reason })
        bad.add(r)
      }
      earlierInBatch.add(keyOf(r.record))
    }
  }
  return rows.filter((r) => !bad.has(r))
}

/** A WeCom userid belongs to one employee; the database would refuse the second anyway. */
async function dropTakenUserids(trx: Kysely<Database>, rows: NumberedRecord<'staff'>[], issues: RowIssue[]) {
  const userids = rows.map((r) => r.record.wecomUserid).filter((u): u is string => !!u)
  const owner = new Map<string, string>()
  for (const part of chunks(userids, 1000)) {
    const found = await trx
      .selectFrom('staff')
      .select(['id', 'wecom_userid'])
      .where('wecom_userid', 'in', part)
      .execute()
    for (const f of found) owner.set(f.wecom_userid!, f.id)
  }
  return rows.filter(({ rowNo, record }) => {
    const holder = record.wecomUserid ? owner.get(record.wecomUserid) : undefined
    if (record.wecomUserid && !holder) owner.set(record.wecomUserid, record.employeeId)
    if (!holder || holder === record.employeeId) return true
    issues.push({ rowNo, column: 'wecom_userid', reason: `企业微信账号已属于员工 ${holder}` })
    return false
  })
}
