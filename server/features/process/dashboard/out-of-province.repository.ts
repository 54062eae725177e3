import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/**
 * The members' adds in [start, end) joined to each binding of the contact made by the same member, earliest
 * verification first: the first row per relation is the member's first binding of the contact, the batch form of
 * verification's `findFirstBindingBy` (the profile's), so it breaks ties the same way: the older binding wins.
 */
export async function verdictsWithMembersBindings(db: Q, userids: string[], start: string, end: string) {
  return db
    .selectFrom('add_verdicts as av')
    .innerJoin('bindings as b', (j) =>
      j.onRef('b.external_userid', '=', 'av.external_userid').onRef('b.staff_userid', '=', 'av.staff_userid'),
    )
    .select(['av.relation_id', 'av.staff_userid', 'av.external_userid', 'av.base_ok', 'b.verified_at', 'b.ip_province'])
    .where('av.staff_userid', 'in', userids)
    .where('av.add_time', '>=', start)
    .where('av.add_time', '<', end)
    .orderBy('b.verified_at')
    .orderBy('b.id')
    .execute()
}

/** A member's verifications in [monthStart, monthEnd) per IP province. */
export async function verificationsByProvince(db: Q, staffUserid: string, monthStart: string, monthEnd: string) {
  return db
    .selectFrom('bindings')
    .select(['ip_province', (eb) => eb.fn.countAll<number>().as('n')])
    .where('staff_userid', '=', staffUserid)
    .where('verified_at', '>=', monthStart)
    .where('verified_at', '<', monthEnd)
    .groupBy('ip_province')
    .execute()
}

/** A member's verifications in [monthStart, monthEnd), one row each. */
export async function verificationsOfMonth(db: Q, staffUserid: string, monthStart: string, monthEnd: string) {
  return db
    .selectFrom('bindings')
    .select(['verified_at', 'external_userid', 'ip_province'])
    .where('staff_userid', '=', staffUserid)
    .where('verified_at', '>=', monthStart)
    .where('verified_at', '<', monthEnd)
    .execute()
}
