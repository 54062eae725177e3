import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

type Q = Kysely<Database>

/**
 * Per owner and segment: owned customers, and those with a verified binding to one of the owner's live WeCom
 * contacts (design §6). Only (owner, segment) pairs that have customers come back.
 */
export async function countOwnedAndCovered(db: Q, staffIds: string[], segments: string[]) {
  return db
    .selectFrom('customers as c')
    .innerJoin('staff as s', 's.id', 'c.owner_staff_id')
    .select((eb) => [
      's.id as staffId',
      'c.segment',
      eb.fn.countAll<number>().as('owned'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('bindings as b')
                  .innerJoin('wecom_contacts as wc', 'wc.external_userid', 'b.external_userid')
                  .select(sql`1`.as('one'))
                  .whereRef('b.cif_no', '=', 'c.cif_no')
                  .whereRef('wc.staff_userid', '=', 's.wecom_userid')
                  .where('wc.deleted_at', 'is', null),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('covered'),
    ])
    .where('c.owner_staff_id', 'in', staffIds)
    .where('c.segment', 'in', segments as never[])
    .groupBy(['s.id', 'c.segment'])
    .execute()
}

/** The stored coverage rows of these staff with at least one owned customer. */
export async function storedCoverageOf(db: Q, staffIds: string[]) {
  return db
    .selectFrom('staff_coverage')
    .select(['staff_id', 'segment', 'owned', 'covered'])
    .where('staff_id', 'in', staffIds)
    .where('owned', '>', 0)
    .orderBy('staff_id')
    .orderBy('segment')
    .execute()
}
