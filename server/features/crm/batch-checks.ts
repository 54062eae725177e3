import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { chunks } from '../../lib/collections.js'
import type { NumberedRecord, RowIssue, WriteContext } from './crm-writer.js'
import { findExistingIds, findStaffByWecomUserids } from './entity-rows.repository.js'
import type { EntityTable } from './entity-tables.js'
import { FORMATS } from './formats.js'
import { findSeenKeys, markKeysSeen } from './import-seen.repository.js'
import type { CrmEntity, CrmRecords } from './records.js'

/** Remembers every key of the run in the database (not in memory), so a million-row file stays flat. */
export async function dropDuplicates<E extends CrmEntity>(
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
    const inserted = await markKeysSeen(
      w.trx,
      part.map((r) => ({ run_id: w.runId, entity, key: keyOf(r.record), row_no: r.rowNo, origin })),
    )
    for (const key of inserted) fresh.add(key)
  }
  const repeated = [...first.keys()].filter((k) => !fresh.has(k))
  for (const part of chunks(repeated, 1000)) {
    const seen = await findSeenKeys(w.trx, w.runId, entity, part)
    for (const s of seen)
      issues.push({
        rowNo: first.get(s.key)!.rowNo,
        column,
        reason: `与${s.origin === origin ? '' : ` ${s.origin} `}第 ${s.row_no} 行重复`,
      })
  }
  return [...first.values()].filter((r) => fresh.has(keyOf(r.record)))
}

/** Drops rows referring to an entity that neither the database nor an earlier row of the batch holds. */
export async function dropDanglingReferences<E extends CrmEntity>(
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
      for (const id of await findExistingIds(trx, ref, part)) known.add(id)
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
export async function dropTakenUserids(trx: Kysely<Database>, rows: NumberedRecord<'staff'>[], issues: RowIssue[]) {
  const userids = rows.map((r) => r.record.wecomUserid).filter((u): u is string => !!u)
  const owner = new Map<string, string>()
  for (const part of chunks(userids, 1000)) {
    for (const f of await findStaffByWecomUserids(trx, part)) owner.set(f.wecom_userid!, f.id)
  }
  return rows.filter(({ rowNo, record }) => {
    const holder = record.wecomUserid ? owner.get(record.wecomUserid) : undefined
    if (record.wecomUserid && !holder) owner.set(record.wecomUserid, record.employeeId)
    if (!holder || holder === record.employeeId) return true
    issues.push({ rowNo, column: 'wecom_userid', reason: `企业微信账号已属于员工 ${holder}` })
    return false
  })
}
