import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Updateable } from 'kysely'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import type { ReviewColumns } from './review.table.js'

/** The libraries that go through the review workflow; Kysely types a union of table names on their shared columns. */
export type ReviewTableName = 'content_items' | 'qa_items' | 'welcome_messages'

type Q = Kysely<Database>
export type ReviewedRow = Selectable<Database[ReviewTableName]>
/** A library's own columns (everything but the workflow's) for a new draft or an edit. */
export type ReviewedValues =
  | Omit<Insertable<Database['content_items']>, keyof ReviewColumns>
  | Omit<Insertable<Database['qa_items']>, keyof ReviewColumns>
  | Omit<Insertable<Database['welcome_messages']>, keyof ReviewColumns>
export type ReviewedChanges = Updateable<Database[ReviewTableName]>

export async function loadReviewed(trx: Q, table: ReviewTableName, id: number): Promise<ReviewedRow> {
  const row = await trx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('条目')
  return row
}

/** Updates `row` only if its status is still the one read; false when a concurrent change got there first. */
export async function updateIfStatusUnchanged(
  trx: Q,
  table: ReviewTableName,
  row: Pick<ReviewedRow, 'id' | 'status'>,
  set: ReviewedChanges,
): Promise<boolean> {
  const result = await trx
    .updateTable(table)
    .set(set)
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertReviewedRow(
  trx: Q,
  table: ReviewTableName,
  values: ReviewedValues & Insertable<ReviewColumns>,
): Promise<number> {
  const inserted = await trx.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow()
  return Number(inserted.id)
}

export async function setRootId(trx: Q, table: ReviewTableName, id: number, rootId: number): Promise<void> {
  await trx.updateTable(table).set({ root_id: rootId }).where('id', '=', id).execute()
}

export async function versionsOf(trx: Q, table: ReviewTableName, rootId: number | null) {
  return trx.selectFrom(table).select(['id', 'status', 'version']).where('root_id', '=', rootId).execute()
}

/** Retires the other approved versions of `rootId`: one version of an item is live at a time. */
export async function supersedeOtherApproved(
  trx: Q,
  table: ReviewTableName,
  rootId: number | null,
  keptId: number,
  at: string,
): Promise<void> {
  await trx
    .updateTable(table)
    .set({ status: 'retired', retired_at: at, retired_reason: 'superseded', updated_at: at })
    .where('root_id', '=', rootId)
    .where('id', '!=', keptId)
    .where('status', '=', 'approved')
    .execute()
}

export async function activeStaffRole(trx: Q, staffId: string) {
  return trx
    .selectFrom('staff')
    .select(['role', 'reviewer'])
    .where('id', '=', staffId)
    .where('active', '=', 1)
    .executeTakeFirst()
}

/** Next value of a named counter, atomically (insert 1 or add 1). */
export async function nextCounterValue(trx: Q, name: string): Promise<number> {
  const row = await trx
    .insertInto('review_counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`review_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value)
}

/** SQL form of `isLive` (workflow.ts) for `where(liveSql('c', now))`; `alias` is the table or its alias. */
export function liveSql(alias: string, now: Date): RawBuilder<boolean> {
  const at = now.toISOString()
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<boolean>`(${col('status')} = 'approved' and ${col('valid_from')} <= ${at} and ${col('valid_until')} > ${at})`
}
