import { type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { WecomCallbacksTable } from './wecom.table.js'

type Q = Kysely<Database>
export type CallbackRow = Selectable<Database['wecom_callbacks']>

type NewCallback = Omit<Insertable<WecomCallbacksTable>, 'id' | 'processed_at' | 'attempts' | 'last_error'>

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

export async function listPendingCallbacks(
  db: Q,
  afterId: number,
  maxAttempts: number,
  limit: number,
): Promise<CallbackRow[]> {
  return db
    .selectFrom('wecom_callbacks')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function markCallbackProcessed(db: Q, id: number, at: string): Promise<void> {
  await db.updateTable('wecom_callbacks').set({ processed_at: at }).where('id', '=', id).execute()
}

export async function recordCallbackFailure(db: Q, id: number, error: string): Promise<void> {
  await db
    .updateTable('wecom_callbacks')
    .set({ attempts: sql<number>`attempts + 1`, last_error: error.slice(0, 200) })
    .where('id', '=', id)
    .execute()
}
