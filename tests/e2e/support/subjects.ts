import { sql } from 'kysely'
import type { Db } from '../../../server/db/connect.js'

export interface VerificationSubject {
  staffUserid: string
  staffName: string
  externalUserId: string
  contactName: string
  /** The simulated WeChat person's true name and phone: what the customer types on the page. */
  trueName: string
  phone: string
}

/** A front-office member and one of their live, unverified contacts who is their own customer. */
export async function findVerificationSubject(db: Db): Promise<VerificationSubject> {
  const row = await db.kysely
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .innerJoin('sim_people as p', 'p.external_userid', 'wc.external_userid')
    .innerJoin('customers as c', (j) => j.onRef('c.phone', '=', 'p.phone').onRef('c.name', '=', 'p.name'))
    .select(['staff.wecom_userid as staffUserid', 'staff.name as staffName', 'wc.external_userid as externalUserId', 'wc.name as contactName', 'p.name as trueName', 'p.phone'])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .where('c.has_account', '=', 1)
    .whereRef('c.owner_staff_id', '=', 'staff.id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('bindings').select('id').whereRef('bindings.external_userid', '=', 'wc.external_userid'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('wecom_contacts as o').select('o.id').whereRef('o.external_userid', '=', 'wc.external_userid').whereRef('o.staff_userid', '!=', 'wc.staff_userid'))))
    .orderBy(sql`wc.id`)
    .limit(1)
    .executeTakeFirstOrThrow()
  return row
}
