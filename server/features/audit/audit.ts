import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

export interface AuditEntry {
  actorStaffId: string | null
  action: string
  /** e.g. `contact:wm…`, `customer:C…` */
  target: string
  outcome: 'allowed' | 'denied'
  ip?: string | null
  detail?: Record<string, unknown>
}

/** Appends to the audit log: who looked at or changed which customer's data, when, from where. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_staff_id: entry.actorStaffId,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute()
}
