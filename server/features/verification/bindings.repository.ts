import type { Expression, Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'

type Q = Kysely<Database>

/** The columns of a binding other features read. */
export interface FirstBinding {
  cif_no: string
  verified_at: string
  verification_id: string | null
  staff_userid: string
  ip_province: string | null
}
const BINDING_COLUMNS = [
  'bindings.cif_no',
  'bindings.verified_at',
  'bindings.verification_id',
  'bindings.staff_userid',
  'bindings.ip_province',
] as const

/**
 * A contact's first verified binding: the one that wins attribution (a contact can be bound again through another
 * manager's link; the earliest stays the answer everywhere). Every reader goes through here, so they all agree,
 * ties included (the older row wins). Served in order by bindings_ext_time_idx.
 */
const firstBindingOf = (db: Q, externalUserId: string | Expression<string>) =>
  db
    .selectFrom('bindings')
    .where('bindings.external_userid', '=', externalUserId)
    .orderBy('bindings.verified_at')
    .orderBy('bindings.id')
    .limit(1)

/** The id of the contact's first binding as a subquery, for queries that join each contact to its first binding. */
export const firstBindingIdOf = (db: Q, externalUserId: Expression<string>) =>
  firstBindingOf(db, externalUserId).select('bindings.id')

// Exported (not through index.ts) for the query-plan test.
export const firstBinding = preparedQuery<{ externalUserId: string }, FirstBinding>((db, param) =>
  firstBindingOf(db, param('externalUserId')).select(BINDING_COLUMNS),
)

// The profile's shape: the binding and the CRM facts its verdict needs, in one round trip.
export const firstBindingWithCustomer = preparedQuery<
  { externalUserId: string },
  FirstBinding & { has_account: number | null; owner_staff_id: string | null; customer_found: string | null }
>((db, param) =>
  firstBindingOf(db, param('externalUserId'))
    .leftJoin('customers', 'customers.cif_no', 'bindings.cif_no')
    .select([
      ...BINDING_COLUMNS,
      'customers.has_account',
      'customers.owner_staff_id',
      'customers.cif_no as customer_found',
    ]),
)

/** The contact's first binding by this manager: the verification the attribution rules judge. */
const firstBindingBy = preparedQuery<{ externalUserId: string; staffUserid: string }, FirstBinding>((db, param) =>
  firstBindingOf(db, param('externalUserId'))
    .where('bindings.staff_userid', '=', param('staffUserid'))
    .select(BINDING_COLUMNS),
)

export async function findFirstBinding(db: Q, externalUserId: string): Promise<FirstBinding | undefined> {
  return firstBinding.executeTakeFirst(db, { externalUserId })
}

/** The first binding with its CRM customer's account and owner (`customer` unset when CRM does not know the CIF). */
export async function findFirstBindingWithCustomer(
  db: Q,
  externalUserId: string,
): Promise<{ binding: FirstBinding; customer?: { has_account: number; owner_staff_id: string | null } } | undefined> {
  const row = await firstBindingWithCustomer.executeTakeFirst(db, { externalUserId })
  if (!row) return undefined
  const { has_account, owner_staff_id, customer_found, ...binding } = row
  return {
    binding,
    customer: customer_found ? { has_account: has_account ?? 0, owner_staff_id: owner_staff_id ?? null } : undefined,
  }
}

export async function findFirstBindingBy(
  db: Q,
  externalUserId: string,
  staffUserid: string,
): Promise<FirstBinding | undefined> {
  return firstBindingBy.executeTakeFirst(db, { externalUserId, staffUserid })
}

/** The CRM customer of a contact: the CIF of its first binding. */
export async function firstBoundCifNo(db: Q, externalUserId: string): Promise<string | undefined> {
  return (await findFirstBinding(db, externalUserId))?.cif_no
}

/** `findFirstBinding` for many contacts in one query: external userid → its first binding. */
export async function firstBindingsOf(db: Q, externalUserIds: string[]) {
  const rows = await db
    .selectFrom('bindings')
    .select(['external_userid', 'cif_no', 'verified_at'])
    .where('external_userid', 'in', externalUserIds)
    .orderBy('verified_at')
    .orderBy('id')
    .execute()
  const first = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (!first.has(r.external_userid)) first.set(r.external_userid, r)
  return first
}

export async function isBound(db: Q, externalUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bindings')
    .select('id')
    .where('external_userid', '=', externalUserId)
    .executeTakeFirst()
  return !!row
}

/** Every contact ever bound to a CRM customer. */
export async function externalIdsBoundTo(db: Q, cifNo: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bindings')
    .select('external_userid')
    .distinct()
    .where('cif_no', '=', cifNo)
    .execute()
  return rows.map((r) => r.external_userid)
}

export async function insertBinding(db: Q, values: Insertable<Database['bindings']>): Promise<void> {
  await db.insertInto('bindings').values(values).execute()
}

/** Removes the bindings of these contacts (only those to `cifNo` when given); returns how many. */
export async function deleteBindings(db: Q, externalUserIds: string[], cifNo?: string): Promise<number> {
  let query = db.deleteFrom('bindings').where('external_userid', 'in', externalUserIds)
  if (cifNo) query = query.where('cif_no', '=', cifNo)
  return Number((await query.executeTakeFirst()).numDeletedRows)
}
