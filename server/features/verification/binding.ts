import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Pii } from '../../lib/pii.js'
import { appendEvent } from '../events/index.js'
import type { VerificationFailure } from './verification.table.js'
import { insertBinding } from './bindings.repository.js'
import { customersNamed, markVerifiedOnce, type VerificationRow } from './verification.repository.js'

/** Name and phone must identify exactly one CRM customer who holds an account; phones match on their keyed hash. */
export async function matchCustomer(
  db: Kysely<Database>,
  pii: Pii,
  name: string,
  phone: string,
): Promise<{ cifNo: string | null; problem: VerificationFailure | null }> {
  const phoneHash = pii.hash('phone', phone)
  if (!phoneHash) return { cifNo: null, problem: 'no_match' }
  const rows = await customersNamed(db, name.trim(), phoneHash)
  if (rows.length === 0) return { cifNo: null, problem: 'no_match' }
  if (rows.length > 1) return { cifNo: null, problem: 'multiple_matches' }
  if (!rows[0]!.has_account) return { cifNo: null, problem: 'no_account' }
  return { cifNo: rows[0]!.cif_no, problem: null }
}

/** Verified: the verification, the binding and the event land together or not at all. */
export async function completeVerification(
  db: Kysely<Database>,
  row: VerificationRow,
  cifNo: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Conditional update: of two concurrent confirmations only one finds the row unverified.
    if (!(await markVerifiedOnce(trx, row.id, cifNo, now))) return
    await insertBinding(trx, {
      external_userid: row.external_userid,
      cif_no: cifNo,
      staff_userid: row.staff_userid,
      verified_at: now.toISOString(),
      method: 'link',
      verification_id: row.id,
      ip_province: row.ip_province,
    })
    await appendEvent(trx, {
      type: 'verified',
      staffUserid: row.staff_userid,
      externalUserid: row.external_userid,
      refId: row.id,
      occurredAt: now,
      source: 'public',
      dedupeKey: `verified:${row.id}`,
    })
  })
}
