import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/**
 * Every binding the members made, earliest verification first (ties: the older binding), the order of
 * verification's `findFirstBindingBy` (the profile's): the first row per member and contact is their first binding.
 */
export async function bindingsOfMembers(db: Q, userids: string[]) {
  return db
    .selectFrom('bindings')
    .select(['staff_userid', 'external_userid', 'verified_at', 'ip_province'])
    .where('staff_userid', 'in', userids)
    .orderBy('verified_at')
    .orderBy('id')
    .execute()
}

/** The verdicts of adds in [start, end) by any of the members of any of the contacts (the caller pairs them). */
export async function verdictsOfMembersContacts(
  db: Q,
  userids: string[],
  externalUserids: string[],
  start: string,
  end: string,
) {
  return db
    .selectFrom('add_verdicts')
    .select(['relation_id', 'staff_userid', 'external_userid', 'base_ok'])
    .where('external_userid', 'in', externalUserids)
    .where('staff_userid', 'in', userids)
    .where('add_time', '>=', start)
    .where('add_time', '<', end)
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
