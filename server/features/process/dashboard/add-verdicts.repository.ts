import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { AddVerdictsTable } from '../process.table.js'

type Q = Kysely<Database>

/** Per member, the stored verdicts of their adds in [start, end) summed: adds, eligible, each failed rule, each flag. */
export async function ruleSumsByStaff(db: Q, userids: string[], start: string, end: string) {
  return db
    .selectFrom('add_verdicts')
    .select((eb) => {
      const failed = (rule: 'verified' | 'has_account' | 'in_book' | 'first_add') =>
        eb.fn.sum<number>(eb.case().when(rule, '=', 'fail').then(1).else(0).end())
      return [
        'staff_userid',
        eb.fn.countAll<number>().as('adds'),
        eb.fn.sum<number>('base_ok').as('baseOk'),
        failed('verified').as('unverified'),
        failed('has_account').as('noAccount'),
        failed('in_book').as('notOwnBook'),
        failed('first_add').as('notFirstAdd'),
        eb.fn.sum<number>('peer_bank').as('peerBank'),
        eb.fn.sum<number>('several_staff').as('severalStaff'),
        eb.fn.sum<number>('burst').as('burst'),
      ]
    })
    .where('staff_userid', 'in', userids)
    .where('add_time', '>=', start)
    .where('add_time', '<', end)
    .groupBy('staff_userid')
    .execute()
}

/**
 * The verdicts of the adds in [start, end) held by the member today or handed to them by the period's end
 * (`shiftedIn`), with the contact's name, newest first.
 */
export async function verdictsHeldBy(
  db: Q,
  staffUserid: string,
  shiftedIn: number[],
  start: string,
  end: string,
): Promise<(Selectable<AddVerdictsTable> & { name: string })[]> {
  return db
    .selectFrom('add_verdicts as av')
    .innerJoin('wecom_contacts as wc', 'wc.id', 'av.relation_id')
    .selectAll('av')
    .select('wc.name')
    .where((eb) =>
      eb.or([
        eb('av.staff_userid', '=', staffUserid),
        ...(shiftedIn.length ? [eb('av.relation_id', 'in', shiftedIn)] : []),
      ]),
    )
    .where('av.add_time', '>=', start)
    .where('av.add_time', '<', end)
    .orderBy('av.add_time', 'desc')
    .orderBy('av.relation_id', 'desc')
    .execute()
}
