import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/**
 * The CRM customer of a contact: its first verified binding, the one that wins attribution (a contact can be
 * bound again through another manager's link; the earliest stays the answer everywhere).
 */
export async function firstBoundCifNo(db: Q, externalUserId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('bindings')
    .select('cif_no')
    .where('external_userid', '=', externalUserId)
    .orderBy('verified_at')
    .limit(1)
    .executeTakeFirst()
  return row?.cif_no
}

/** `firstBoundCifNo` for many contacts in one query: external userid → its first binding. */
export async function firstBindingsOf(db: Q, externalUserIds: string[]) {
  const rows = await db
    .selectFrom('bindings')
    .select(['external_userid', 'cif_no', 'verified_at'])
    .where('external_userid', 'in', externalUserIds)
    .orderBy('verified_at')
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
