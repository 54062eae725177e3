import type { Insertable, Kysely, Selectable } from 'kysely'
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

export async function insertVerification(db: Q, values: Insertable<VerificationsTable>): Promise<void> {
  await db.insertInto('verifications').values(values).execute()
}

/** A verification only its issuer may act on; undefined for anyone else's. */
export async function findIssuedBy(db: Q, id: string, staffUserid: string) {
  return db
    .selectFrom('verifications')
    .select(['id', 'external_userid', 'sent_at'])
    .where('id', '=', id)
    .where('staff_userid', '=', staffUserid)
    .executeTakeFirst()
}

/** Marks the verification verified unless it already is; false when a concurrent confirmation got there first. */
export async function markVerifiedOnce(db: Q, id: string, cifNo: string, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('verifications')
    .set({ status: 'verified', verified_at: now.toISOString(), cif_no: cifNo, code_hash: null, failure_reason: null })
    .where('id', '=', id)
    .where('status', '!=', 'verified')
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** Counts one more wrong code in SQL, so concurrent guesses cannot share one attempt; returns the new count. */
export async function countWrongCode(db: Q, id: string): Promise<number> {
  const row = await db
    .updateTable('verifications')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('code_attempts')
    .executeTakeFirstOrThrow()
  return row.code_attempts
}

export async function smsUsage(db: Q, id: string) {
  return db
    .selectFrom('verifications')
    .select(['sms_count', 'sms_phones'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

/** Sets the link's phone list if nobody changed it since `previous` was read. */
export async function replaceSmsPhones(db: Q, id: string, previous: string | null, next: string): Promise<boolean> {
  const added = await db
    .updateTable('verifications')
    .set({ sms_phones: next })
    .where('id', '=', id)
    .where('sms_phones', '=', previous)
    .executeTakeFirst()
  return Number(added.numUpdatedRows) === 1
}

/** Counts one more code against the link unless it already has `max`. */
export async function countSmsBelow(db: Q, id: string, max: number): Promise<boolean> {
  const counted = await db
    .updateTable('verifications')
    .set((eb) => ({ sms_count: eb('sms_count', '+', 1) }))
    .where('id', '=', id)
    .where('sms_count', '<', max)
    .executeTakeFirst()
  return Number(counted.numUpdatedRows) === 1
}

/** The manager behind a link as the customer's page names them. */
export async function findManager(db: Q, staffUserid: string) {
  return db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.name', 'branches.name as branchName', 'branches.province'])
    .where('staff.wecom_userid', '=', staffUserid)
    .executeTakeFirst()
}

/** CRM customers with this name and keyed phone hash; two are enough to know the match is ambiguous. */
export async function customersNamed(db: Q, name: string, phoneHash: string) {
  return db
    .selectFrom('customers')
    .select(['cif_no', 'has_account'])
    .where('phone_hash', '=', phoneHash)
    .where('name', '=', name)
    .limit(2)
    .execute()
}
