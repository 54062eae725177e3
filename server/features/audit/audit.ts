import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { type AuditRow, insertAuditRows } from './audit.repository.js'

export interface AuditEntry {
  actorStaffId: string | null
  action: string
  /** e.g. `contact:wm…`, `customer:C…` */
  target: string
  outcome: 'allowed' | 'denied'
  ip?: string | null
  detail?: Record<string, unknown>
}

interface Pending {
  rows: AuditRow[]
  waiters: { resolve: () => void; reject: (err: unknown) => void }[]
}

// Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters at 7 columns a row.
const MAX_BATCH = 500
const pendingByDb = new WeakMap<Kysely<Database>, Pending>()

function toRow(entry: AuditEntry, now: Date): AuditRow {
  return {
    at: now.toISOString(),
    actor_staff_id: entry.actorStaffId,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }
}

async function flush(db: Kysely<Database>, batch: Pending): Promise<void> {
  try {
    for (let i = 0; i < batch.rows.length; i += MAX_BATCH) await insertAuditRows(db, batch.rows.slice(i, i + MAX_BATCH))
    for (const w of batch.waiters) w.resolve()
  } catch (err) {
    for (const w of batch.waiters) w.reject(err)
  }
}

/**
 * Appends to the audit log: who looked at or changed which customer's data, when, from where.
 * Resolves once the entry is written, so no answer leaves before its audit row. Outside a transaction,
 * entries from requests served in the same turn of the event loop are written in one multi-row insert
 * (group commit): on the sidebar's busiest route the audit commit cost as much as every read together.
 * Inside a transaction the entry is part of it.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now: Date): Promise<void> {
  if (db.isTransaction) {
    await insertAuditRows(db, [toRow(entry, now)])
    return
  }
  let batch = pendingByDb.get(db)
  if (!batch) {
    const fresh: Pending = { rows: [], waiters: [] }
    pendingByDb.set(db, fresh)
    setImmediate(() => {
      pendingByDb.delete(db)
      void flush(db, fresh)
    })
    batch = fresh
  }
  batch.rows.push(toRow(entry, now))
  const queued = batch
  await new Promise<void>((resolve, reject) => queued.waiters.push({ resolve, reject }))
}
