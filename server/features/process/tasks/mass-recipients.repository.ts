import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** These members' live contacts whose verified customer is in one of the segments, one row per pair. */
export async function liveContactsInSegments(db: Q, staffUserids: string[], segments: string[]) {
  return db
    .selectFrom('wecom_contacts as wc')
    .innerJoin('bindings as b', 'b.external_userid', 'wc.external_userid')
    .innerJoin('customers as c', 'c.cif_no', 'b.cif_no')
    .select(['wc.staff_userid', 'wc.external_userid'])
    .where('wc.staff_userid', 'in', staffUserids)
    .where('wc.deleted_at', 'is', null)
    .where('c.segment', 'in', segments as never[])
    .distinct()
    .orderBy('wc.staff_userid')
    .orderBy('wc.external_userid')
    .execute()
}

/** Per contact, how many of our tasks already address it in the month. */
export async function countMonthTasksByRecipient(db: Q, month: string, externalUserids: string[]) {
  return db
    .selectFrom('task_recipients')
    .select(['external_userid', (eb) => eb.fn.count<number>('task_id').distinct().as('n')])
    .where('month', '=', month)
    .where('external_userid', 'in', externalUserids)
    .groupBy('external_userid')
    .execute()
}
