import { type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { WecomCallbacksTable } from './wecom.table.js'

type Q = Kysely<Database>
export type CallbackRow = Selectable<Database['wecom_callbacks']>

type NewCallback = Omit<
  Insertable<WecomCallbacksTable>,
  'id' | 'processed_at' | 'attempts' | 'last_error' | 'next_attempt_at' | 'dead_at'
>

// Every delivery runs it: built and compiled once.
const insertNew = preparedQuery<Required<NewCallback>, { id: number }>((db, param) =>
  db
    .insertInto('wecom_callbacks')
    .values({
      dedupe_key: param('dedupe_key'),
      msg_type: param('msg_type'),
      event: param('event'),
      change_type: param('change_type'),
      payload: param('payload'),
      received_at: param('received_at'),
      attempts: 0,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id'),
)

/** Inserts unless the dedupe key is known; true when this delivery is new. */
export async function insertCallback(db: Q, row: NewCallback): Promise<boolean> {
  const inserted = await insertNew.executeTakeFirst(db, {
    event: null,
    change_type: null,
    ...row,
  } as Required<NewCallback>)
  return inserted !== undefined
}

/** Unprocessed, not dead-lettered, and due (`next_attempt_at` passed or never set). */
export async function listPendingCallbacks(db: Q, afterId: number, now: string, limit: number): Promise<CallbackRow[]> {
  return db
    .selectFrom('wecom_callbacks')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('dead_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function markCallbackProcessed(db: Q, id: number, at: string): Promise<void> {
  await db.updateTable('wecom_callbacks').set({ processed_at: at }).where('id', '=', id).execute()
}

/**
 * Counts a failed attempt: retried at `nextAttemptAt`, or dead-lettered when `deadAt` is set. Only from
 * the attempt count it read, so two processes failing the same delivery at once count it once.
 */
export async function recordCallbackFailure(
  db: Q,
  row: { id: number; attempts: number },
  error: string,
  retry: { nextAttemptAt: string | null; deadAt: string | null },
): Promise<void> {
  await db
    .updateTable('wecom_callbacks')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: error.slice(0, 200),
      next_attempt_at: retry.nextAttemptAt,
      dead_at: retry.deadAt,
    })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .execute()
}

/** The earliest time a waiting delivery becomes due, for the retry timer. */
export async function nextDueAt(db: Q): Promise<string | undefined> {
  const row = await db
    .selectFrom('wecom_callbacks')
    .select((eb) => eb.fn.min('next_attempt_at').as('due'))
    .where('processed_at', 'is', null)
    .where('dead_at', 'is', null)
    .executeTakeFirst()
  return row?.due ?? undefined
}

export async function listDeadLetters(db: Q, limit: number) {
  return db
    .selectFrom('wecom_callbacks')
    .select(['id', 'event', 'change_type', 'received_at', 'attempts', 'last_error', 'dead_at'])
    .where('dead_at', 'is not', null)
    .where('processed_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Puts a dead-lettered delivery back in line with a fresh attempt budget; false when there is none. */
export async function requeueDeadLetter(db: Q, id: number): Promise<boolean> {
  const r = await db
    .updateTable('wecom_callbacks')
    .set({ dead_at: null, attempts: 0, next_attempt_at: null })
    .where('id', '=', id)
    .where('dead_at', 'is not', null)
    .where('processed_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** When the last callback arrived, if any did. */
export async function lastCallbackReceivedAt(db: Q): Promise<string | undefined> {
  const row = await db
    .selectFrom('wecom_callbacks')
    .select((eb) => eb.fn.max('received_at').as('last'))
    .executeTakeFirst()
  return row?.last ?? undefined
}
