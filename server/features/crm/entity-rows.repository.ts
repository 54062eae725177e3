import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { untyped } from '../../db/untyped.js'
import type { CrmEntity } from './records.js'
import type { EntityTable, Reference } from './entity-tables.js'

type Q = Kysely<Database>

export interface StoredFingerprint {
  key: string
  fingerprint: string | null
  /** The customer's owner (customers only). */
  owner?: string | null
}

/** The stored fingerprint (and, for customers, the owner) of each of these keys that exists. */
export async function findStoredFingerprints(
  db: Q,
  et: EntityTable<CrmEntity>,
  keys: string[],
  withOwner: boolean,
): Promise<StoredFingerprint[]> {
  const rows = await untyped(db)
    .selectFrom(et.table)
    .select([
      `${et.keyColumn} as key`,
      'crm_fingerprint as fingerprint',
      ...(withOwner ? ['owner_staff_id as owner'] : []),
    ])
    .where(et.keyColumn, 'in', keys)
    .execute()
  return rows as StoredFingerprint[]
}

/** Inserts the rows, or overwrites every column but the key of the rows that exist. */
export async function upsertEntityRows(
  db: Q,
  et: EntityTable<CrmEntity>,
  rows: Record<string, unknown>[],
  columns: string[],
): Promise<void> {
  const update = Object.fromEntries(columns.filter((c) => c !== et.keyColumn).map((c) => [c, sql.ref(`excluded.${c}`)]))
  await untyped(db)
    .insertInto(et.table)
    .values(rows)
    .onConflict((oc) => oc.column(et.keyColumn).doUpdateSet(update))
    .execute()
}

/** Which of these ids the referenced table holds. */
export async function findExistingIds<R>(db: Q, ref: Reference<R>, ids: string[]): Promise<string[]> {
  const found = await untyped(db)
    .selectFrom(ref.table)
    .select(`${ref.idColumn} as id`)
    .where(ref.idColumn, 'in', ids)
    .execute()
  return found.map((f) => f.id)
}

/** The employees holding these WeCom userids. */
export async function findStaffByWecomUserids(db: Q, userids: string[]) {
  return db.selectFrom('staff').select(['id', 'wecom_userid']).where('wecom_userid', 'in', userids).execute()
}
