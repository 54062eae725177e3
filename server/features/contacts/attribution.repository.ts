import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { ProvinceCount } from './attribution-rules.js'

type Q = Kysely<Database>

const firstAddOfCustomer = preparedQuery<
  { cifNo: string },
  { staff_userid: string; add_time: string; name: string | null }
>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .innerJoin('bindings', 'bindings.external_userid', 'wecom_contacts.external_userid')
    .leftJoin('staff', 'staff.wecom_userid', 'wecom_contacts.staff_userid')
    .select(['wecom_contacts.staff_userid', 'wecom_contacts.add_time', 'staff.name'])
    .where('bindings.cif_no', '=', param('cifNo'))
    .orderBy('wecom_contacts.add_time')
    .orderBy('wecom_contacts.id')
    .limit(1),
)

/** The first add of the customer by anyone at the bank, over every WeChat identity bound to it. */
export async function findFirstAddOfCustomer(db: Q, cifNo: string) {
  return firstAddOfCustomer.executeTakeFirst(db, { cifNo })
}

/**
 * The manager's verifications of one month per IP province, and how many of each came before this contact's
 * (`before`): one query, counted in the covering index however many there are.
 */
export const provincesThisMonth = preparedQuery<
  { staffUserid: string; monthStart: string; monthEnd: string; mineAt: string; externalUserid: string },
  ProvinceCount & { before: number }
>((db, param) =>
  db
    .selectFrom('bindings')
    .select((eb) => [
      'ip_province',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.or([
                eb('verified_at', '<', param('mineAt')),
                eb.and([eb('verified_at', '=', param('mineAt')), eb('external_userid', '<', param('externalUserid'))]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('before'),
    ])
    .where('staff_userid', '=', param('staffUserid'))
    .where('verified_at', '>=', param('monthStart'))
    .where('verified_at', '<', param('monthEnd'))
    .groupBy('ip_province'),
)

export async function countVerificationsByProvince(
  db: Q,
  params: { staffUserid: string; monthStart: string; monthEnd: string; mineAt: string; externalUserid: string },
) {
  return provincesThisMonth.execute(db, params)
}

const otherStaffOfContact = preparedQuery<
  { externalUserid: string; staffUserid: string },
  { staff_userid: string; name: string | null }
>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .leftJoin('staff', 'staff.wecom_userid', 'wecom_contacts.staff_userid')
    .select(['wecom_contacts.staff_userid', 'staff.name'])
    .where('wecom_contacts.external_userid', '=', param('externalUserid'))
    .where('wecom_contacts.staff_userid', '!=', param('staffUserid')),
)

/** The other members who have (or had) the contact, with their names. */
export async function listOtherStaffOfContact(db: Q, externalUserid: string, staffUserid: string) {
  return otherStaffOfContact.execute(db, { externalUserid, staffUserid })
}

const addsInWindow = preparedQuery<{ staffUserid: string; from: string; to: string }, { n: number }>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_userid', '=', param('staffUserid'))
    // An inherited relation (继承) was not added by its holder: it is no add of theirs.
    .where('added_by', 'is', null)
    .where('add_time', '>=', param('from'))
    .where('add_time', '<=', param('to')),
)

/** Adds by the member between `from` and `to`, bounds included, not counting inherited relations. */
export async function countAddsInWindow(db: Q, staffUserid: string, from: string, to: string): Promise<number> {
  const [row] = await addsInWindow.execute(db, { staffUserid, from, to })
  return Number(row!.n)
}

/** `countAddsInWindow` for several windows in one statement, in their order. */
export async function countAddsInWindows(
  db: Q,
  windows: readonly { staffUserid: string; from: string; to: string }[],
): Promise<number[]> {
  const values = windows.map((w, i) => sql`(${i}, ${w.staffUserid}, ${w.from}, ${w.to})`)
  const { rows } = await sql<{ i: number | string; n: number | string }>`
    with w (i, staff_userid, from_time, to_time) as (values ${sql.join(values)})
    select w.i, (select count(*) from wecom_contacts c
      where c.staff_userid = w.staff_userid and c.added_by is null
      and c.add_time >= w.from_time and c.add_time <= w.to_time) as n
    from w`.execute(db)
  const byIndex = new Map(rows.map((r) => [Number(r.i), Number(r.n)]))
  return windows.map((_, i) => byIndex.get(i)!)
}
