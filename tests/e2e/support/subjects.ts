import { sql } from 'kysely'
import type { Db } from '../../../server/db/connect.js'
import type { Pii } from '../../../server/lib/pii.js'

export interface VerificationSubject {
  staffUserid: string
  staffName: string
  externalUserId: string
  contactName: string
  /** The simulated WeChat person's true name and phone: what the customer types on the page. */
  trueName: string
  phone: string
}

/**
 * A front-office member and one of their live, unverified contacts who is their own customer.
 * Customers keep only a keyed hash of the phone, so candidates are matched on that hash here.
 */
export async function findVerificationSubject(db: Db, pii: Pii): Promise<VerificationSubject> {
  const candidates = await db.kysely
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .innerJoin('sim_people as p', 'p.external_userid', 'wc.external_userid')
    .select([
      'staff.id as staffId',
      'wc.staff_userid as staffUserid',
      'staff.name as staffName',
      'wc.external_userid as externalUserId',
      'wc.name as contactName',
      'p.name as trueName',
      'p.phone',
    ])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('bindings').select('id').whereRef('bindings.external_userid', '=', 'wc.external_userid'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('wecom_contacts as o')
            .select('o.id')
            .whereRef('o.external_userid', '=', 'wc.external_userid')
            .whereRef('o.staff_userid', '!=', 'wc.staff_userid'),
        ),
      ),
    )
    .orderBy(sql`wc.id`)
    .limit(500)
    .execute()
  for (const c of candidates) {
    const owned = await db.kysely
      .selectFrom('customers')
      .select('cif_no')
      .where('phone_hash', '=', pii.hash('phone', c.phone)!)
      .where('name', '=', c.trueName)
      .where('has_account', '=', 1)
      .where('owner_staff_id', '=', c.staffId)
      .executeTakeFirst()
    if (owned)
      return {
        staffUserid: c.staffUserid,
        staffName: c.staffName,
        externalUserId: c.externalUserId,
        contactName: c.contactName,
        trueName: c.trueName,
        phone: c.phone,
      }
  }
  throw new Error('no verifiable subject in the seeded bank')
}
