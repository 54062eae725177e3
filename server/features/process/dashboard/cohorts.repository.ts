import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/** Per member, the links sent in [start, end): how many, how many were opened, how many verified. */
export async function linkFunnelByStaff(db: Q, userids: string[], start: string, end: string) {
  return db
    .selectFrom('verifications')
    .select((eb) => [
      'staff_userid',
      eb.fn.countAll<number>().as('sent'),
      // A verified link was opened, whatever the order the two stamps were written in.
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('opened_at', 'is not', null), eb('verified_at', 'is not', null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('opened'),
      eb.fn.count<number>('verified_at').as('verified'),
    ])
    .where('staff_userid', 'in', userids)
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .groupBy('staff_userid')
    .execute()
}

/** Per member, the links both sent and verified in [start, end). */
export async function linksVerifiedInPeriodByStaff(db: Q, userids: string[], start: string, end: string) {
  return db
    .selectFrom('verifications')
    .select(['staff_userid', (eb) => eb.fn.countAll<number>().as('n')])
    .where('staff_userid', 'in', userids)
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .where('verified_at', '>=', start)
    .where('verified_at', '<', end)
    .groupBy('staff_userid')
    .execute()
}

/** Per member, the relations added in [start, end) and those whose add way is not one of `customerAddWays`. */
export async function addsByStaff(db: Q, userids: string[], start: string, end: string, customerAddWays: number[]) {
  return db
    .selectFrom('wecom_contacts')
    .select((eb) => [
      'staff_userid',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('add_way', 'not in', customerAddWays).then(1).else(0).end()).as('staff'),
    ])
    .where('staff_userid', 'in', userids)
    .where('add_time', '>=', start)
    .where('add_time', '<', end)
    .groupBy('staff_userid')
    .execute()
}
