import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { VerificationsTable } from './verification.table.js'

type Q = Kysely<Database>
export type VerificationRow = Selectable<VerificationsTable>

export async function findByTokenHash(db: Q, tokenHash: string): Promise<VerificationRow | undefined> {
  return db.selectFrom('verifications').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

/** The newest verification a staff member issued for a contact. */
export type VerificationStateRow = Pick<
  VerificationRow,
  'status' | 'created_at' | 'sent_at' | 'opened_at' | 'failed_at' | 'expires_at' | 'failure_reason'
>

// The columns the sidebar shows: `select *` of 22 columns cost twice the lookup itself (profile route).
const latestForContact = preparedQuery<{ staffUserid: string; externalUserid: string }, VerificationStateRow>(
  (db, param) =>
    db
      .selectFrom('verifications')
      .select(['status', 'created_at', 'sent_at', 'opened_at', 'failed_at', 'expires_at', 'failure_reason'])
      .where('staff_userid', '=', param('staffUserid'))
      .where('external_userid', '=', param('externalUserid'))
      .orderBy('created_at', 'desc')
      .limit(1),
)

export async function findLatestForContact(
  db: Q,
  staffUserid: string,
  externalUserid: string,
): Promise<VerificationStateRow | undefined> {
  return latestForContact.executeTakeFirst(db, { staffUserid, externalUserid })
}

/** A new link replaces any still-usable one for the same manager and contact. */
export async function supersedeOpenLinks(db: Q, staffUserid: string, externalUserid: string, now: Date): Promise<void> {
  await db
    .updateTable('verifications')
    .set({ status: 'expired', failure_reason: 'superseded', failed_at: now.toISOString() })
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', '=', externalUserid)
    .where('status', 'in', ['sent', 'opened', 'failed'])
    .execute()
}

export async function updateVerification(db: Q, id: string, set: Partial<VerificationRow>): Promise<void> {
  await db.updateTable('verifications').set(set).where('id', '=', id).execute()
}
