import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { firstBindingIdOf } from '../verification/index.js'

type Q = Kysely<Database>

export interface ScopeStaffRow {
  userid: string
  name: string
  branchName: string
  active: boolean
  staffId: string
}

/** Front-office members (active or left) of the given branches, with a WeCom account. */
export async function staffOfBranches(db: Q, branchIds: string[]): Promise<ScopeStaffRow[]> {
  if (!branchIds.length) return []
  const rows = await db
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.id', 'staff.wecom_userid', 'staff.name', 'branches.name as branch_name', 'staff.active'])
    .where('staff.branch_id', 'in', branchIds)
    .where('staff.role', '=', 'front')
    .where('staff.wecom_userid', 'is not', null)
    .orderBy('staff.id')
    .execute()
  return rows.map((r) => ({
    userid: r.wecom_userid!,
    name: r.name,
    branchName: r.branch_name,
    active: Number(r.active) === 1,
    staffId: r.id,
  }))
}

/** Live relations per member (what a handover can move). */
export async function liveCustomerCounts(db: Q, userids: string[]): Promise<Map<string, number>> {
  if (!userids.length) return new Map()
  const rows = await db
    .selectFrom('wecom_contacts')
    .select(['staff_userid', (eb) => eb.fn.countAll<number>().as('n')])
    .where('staff_userid', 'in', userids)
    .where('deleted_by', 'is', null)
    .groupBy('staff_userid')
    .execute()
  return new Map(rows.map((r) => [r.staff_userid, Number(r.n)]))
}

/** A member's live contacts with the bound CRM customer (segment and CRM owner), if any. */
export async function liveContactsOf(db: Q, userid: string) {
  return (
    db
      .selectFrom('wecom_contacts as wc')
      // A contact re-verified has several bindings: the first one is the profile's (and the rules').
      .leftJoin('bindings as b', (join) =>
        join.on((eb) => eb('b.id', '=', firstBindingIdOf(db, eb.ref('wc.external_userid')))),
      )
      .leftJoin('customers as c', 'c.cif_no', 'b.cif_no')
      .leftJoin('staff as owner', 'owner.id', 'c.owner_staff_id')
      .select([
        'wc.external_userid',
        'wc.name',
        'c.segment',
        'owner.wecom_userid as owner_userid',
        'owner.name as owner_name',
      ])
      .where('wc.staff_userid', '=', userid)
      .where('wc.deleted_by', 'is', null)
      .orderBy('wc.add_time')
      .execute()
  )
}

/** One row per contact (the list and its dismissals are keyed by contact): the first of rows ordered by contact. */
function firstPerContact<T extends { external_userid: string }>(rows: T[]): T[] {
  const seen = new Set<string>()
  return rows.filter((r) => !seen.has(r.external_userid) && !!seen.add(r.external_userid))
}

export async function namesOf(db: Q, externalUserids: string[]): Promise<Map<string, string>> {
  if (!externalUserids.length) return new Map()
  const rows = await db
    .selectFrom('wecom_contacts')
    .select(['external_userid', 'name'])
    .where('external_userid', 'in', [...new Set(externalUserids)])
    .execute()
  return new Map(rows.map((r) => [r.external_userid, r.name]))
}

export async function staffNames(db: Q, userids: string[]): Promise<Map<string, string>> {
  if (!userids.length) return new Map()
  const rows = await db
    .selectFrom('staff')
    .select(['wecom_userid', 'name'])
    .where('wecom_userid', 'in', [...new Set(userids)])
    .execute()
  return new Map(rows.map((r) => [r.wecom_userid!, r.name]))
}

/**
 * 待转接建议: a live relation held by someone other than the customer's CRM owner, where the owner is no friend of
 * the customer and no transfer is waiting — typically after a CRM owner change. Limited to the given holders.
 */
export async function ownerMismatches(db: Q, holders: string[]) {
  if (!holders.length) return []
  const rows = await db
    .selectFrom('wecom_contacts as wc')
    // The customer is the one of the contact's first binding, as everywhere (a later binding never decides).
    .innerJoin('bindings as b', (join) =>
      join.on((eb) => eb('b.id', '=', firstBindingIdOf(db, eb.ref('wc.external_userid')))),
    )
    .innerJoin('customers as c', 'c.cif_no', 'b.cif_no')
    .innerJoin('staff as owner', 'owner.id', 'c.owner_staff_id')
    .innerJoin('staff as holder', 'holder.wecom_userid', 'wc.staff_userid')
    .select([
      'wc.external_userid',
      'wc.name',
      'b.cif_no',
      'wc.staff_userid as holder_userid',
      'holder.name as holder_name',
      'owner.wecom_userid as owner_userid',
      'owner.name as owner_name',
    ])
    .where('wc.staff_userid', 'in', holders)
    .where('wc.deleted_by', 'is', null)
    .where('owner.wecom_userid', 'is not', null)
    .whereRef('owner.wecom_userid', '!=', 'wc.staff_userid')
    .where('owner.active', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('wecom_contacts as mine')
            .select('mine.id')
            .whereRef('mine.external_userid', '=', 'wc.external_userid')
            .whereRef('mine.staff_userid', '=', 'owner.wecom_userid')
            .where('mine.deleted_by', 'is', null),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('handover_transfers as t')
            .select('t.id')
            .whereRef('t.external_userid', '=', 'wc.external_userid')
            .where('t.status', '=', 'waiting'),
        ),
      ),
    )
    .orderBy('wc.external_userid')
    .orderBy('wc.id')
    .limit(500)
    .execute()
  return firstPerContact(rows)
}
