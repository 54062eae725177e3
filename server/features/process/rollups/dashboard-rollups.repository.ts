import { sql, type Insertable, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { RelationToJudge } from '../dashboard/eligibility.js'
import type { AddVerdictsTable, StaffCoverageTable } from '../process.table.js'

export interface DirtyMark {
  kind: string
  key: string
  seq: number
}

/** The next marks to work off in (kind, key) order; after `after` when reading on from a cursor. */
export async function nextDirtyMarks(
  db: Kysely<Database>,
  size: number,
  after?: { kind: string; key: string },
): Promise<DirtyMark[]> {
  return db
    .selectFrom('rollup_dirty')
    .select(['kind', 'key', 'seq'])
    .$if(!!after, (q) => q.where(sql<boolean>`(kind, key) > (${after!.kind}, ${after!.key})`))
    .orderBy('kind')
    .orderBy('key')
    .limit(size)
    .execute()
}

/** The customers these contacts are bound to. */
export async function cifsBoundTo(db: Kysely<Database>, externalUserIds: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('bindings')
    .select('cif_no')
    .where('external_userid', 'in', externalUserIds)
    .execute()
  return rows.map((b) => b.cif_no)
}

/** Every contact bound to these customers. */
export async function contactsBoundTo(db: Kysely<Database>, cifs: string[]): Promise<string[]> {
  const rows = await db.selectFrom('bindings').select('external_userid').where('cif_no', 'in', cifs).execute()
  return rows.map((b) => b.external_userid)
}

/** The CRM owners of these customers (customers without one left out). */
export async function ownersOfCustomers(db: Kysely<Database>, cifs: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('owner_staff_id')
    .where('cif_no', 'in', cifs)
    .where('owner_staff_id', 'is not', null)
    .execute()
  return rows.map((o) => o.owner_staff_id!)
}

/** Marks owners for a coverage recount (a mark already there gets a newer seq). */
export async function markOwnersDirty(db: Kysely<Database>, staffIds: string[]): Promise<void> {
  await db
    .insertInto('rollup_dirty')
    .values(staffIds.map((key) => ({ kind: 'owner' as const, key })))
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ seq: sql`rollup_dirty.seq + 1` }))
    .execute()
}

/** Every relation of these contacts, as judging reads them. */
export async function relationsOfContacts(db: Kysely<Database>, externalUserIds: string[]): Promise<RelationToJudge[]> {
  return db
    .selectFrom('wecom_contacts')
    .select(['id', 'staff_userid', 'external_userid', 'add_time', 'type', 'corp_name', 'added_by'])
    .where('external_userid', 'in', externalUserIds)
    .execute()
}

/** Deletes the verdicts of these contacts' relations except the live ones (a relation erased outright). */
export async function deleteVerdictsExcept(
  db: Kysely<Database>,
  externalUserIds: string[],
  liveRelationIds: number[],
): Promise<void> {
  let gone = db.deleteFrom('add_verdicts').where('external_userid', 'in', externalUserIds)
  if (liveRelationIds.length) gone = gone.where('relation_id', 'not in', liveRelationIds)
  await gone.execute()
}

/** Writes verdicts, replacing a relation's earlier one. */
export async function upsertVerdicts(db: Kysely<Database>, verdicts: Insertable<AddVerdictsTable>[]): Promise<void> {
  await db
    .insertInto('add_verdicts')
    .values(verdicts)
    .onConflict((oc) =>
      oc.column('relation_id').doUpdateSet((eb) =>
        Object.fromEntries(
          Object.keys(verdicts[0]!)
            .filter((k) => k !== 'relation_id')
            .map((k) => [k, eb.ref(`excluded.${k}` as never)]),
        ),
      ),
    )
    .execute()
}

/** Writes coverage counts, replacing an owner's earlier ones per segment. */
export async function upsertCoverage(db: Kysely<Database>, rows: Insertable<StaffCoverageTable>[]): Promise<void> {
  await db
    .insertInto('staff_coverage')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['staff_id', 'segment']).doUpdateSet({ owned: sql`excluded.owned`, covered: sql`excluded.covered` }),
    )
    .execute()
}

/** Deletes the marks worked off; a mark whose seq moved meanwhile is a newer change and stays. */
export async function deleteJudgedMarks(db: Kysely<Database>, marks: DirtyMark[]): Promise<void> {
  const judged = sql.join(marks.map((m) => sql`(${m.kind}, ${m.key}, cast(${m.seq} as integer))`))
  await sql`delete from rollup_dirty where (kind, key, seq) in (values ${judged})`.execute(db)
}

/** The add times of a member's own adds (not inherited) between two instants, inclusive. */
export async function ownAddTimesBetween(
  db: Kysely<Database>,
  staff: string,
  from: string,
  to: string,
): Promise<string[]> {
  const adds = await db
    .selectFrom('wecom_contacts')
    .select('add_time')
    .where('staff_userid', '=', staff)
    .where('added_by', 'is', null)
    .where('add_time', '>=', from)
    .where('add_time', '<=', to)
    .execute()
  return adds.map((a) => a.add_time)
}

/** The burst flags of a member's own adds between two instants, inclusive. */
export async function ownBurstFlagsBetween(
  db: Kysely<Database>,
  staff: string,
  from: string,
  to: string,
): Promise<{ relation_id: number; add_time: string; burst: number }[]> {
  return (
    db
      .selectFrom('add_verdicts')
      .select(['relation_id', 'add_time', 'burst'])
      .where('staff_userid', '=', staff)
      // Inherited relations (继承) keep burst 0 (eligibility.ts); only the member's own adds turn. A verdict keeps
      // its relation's add time, so the span bounds both: not every relation of the member (55,000 at full scale).
      .where('relation_id', 'not in', (eb) =>
        eb
          .selectFrom('wecom_contacts')
          .select('id')
          .where('staff_userid', '=', staff)
          .where('added_by', 'is not', null)
          .where('add_time', '>=', from)
          .where('add_time', '<=', to),
      )
      .where('add_time', '>=', from)
      .where('add_time', '<=', to)
      .execute()
  )
}

/** Sets the burst flag of these verdicts. */
export async function setBurstFlag(db: Kysely<Database>, relationIds: number[], burst: number): Promise<void> {
  await db.updateTable('add_verdicts').set({ burst }).where('relation_id', 'in', relationIds).execute()
}

/** Empties verdicts and coverage (inside the caller's transaction), before everything is marked again. */
export async function clearDashboardRollups(trx: Kysely<Database>): Promise<void> {
  await trx.deleteFrom('add_verdicts').execute()
  await trx.deleteFrom('staff_coverage').execute()
}
