import type { Kysely } from 'kysely'
import type { Retention } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { findRetentionSettings, updateRetentionSettings } from './retention.repository.js'

/** The retention settings (the migration inserts the defaults: 30 / 730 / 1825 days). */
export async function getRetention(db: Kysely<Database>): Promise<Retention> {
  const row = await findRetentionSettings(db)
  return {
    callbacksDays: Number(row.callbacks_days),
    eventsDays: Number(row.events_days),
    auditDays: Number(row.audit_days),
  }
}

/** Saves new retention settings and audits the change with the old and new values. */
export async function setRetention(
  db: Kysely<Database>,
  admin: SessionStaff,
  next: Retention,
  now: Date,
): Promise<Retention> {
  await db.transaction().execute(async (trx) => {
    const before = await getRetention(trx)
    await updateRetentionSettings(trx, {
      callbacks_days: next.callbacksDays,
      events_days: next.eventsDays,
      audit_days: next.auditDays,
      updated_at: now.toISOString(),
      updated_by: admin.id,
    })
    await recordAudit(
      trx,
      {
        actorStaffId: admin.id,
        action: 'privacy.retention',
        target: 'retention',
        outcome: 'allowed',
        detail: { before, after: next },
      },
      now,
    )
  })
  return next
}
