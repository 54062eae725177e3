import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { EventSource } from './events.table.js'

export interface NewEvent {
  type: string
  staffUserid: string | null
  externalUserid: string | null
  refId?: string | null
  occurredAt: Date
  source: EventSource
  /** Same key twice → stored once (re-delivered callbacks, double taps). */
  dedupeKey?: string
  payload?: Record<string, unknown>
}

/** Appends a process event; a repeated dedupe key is silently ignored. */
export async function appendEvent(db: Kysely<Database>, e: NewEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      type: e.type,
      staff_userid: e.staffUserid,
      external_userid: e.externalUserid,
      ref_id: e.refId ?? null,
      occurred_at: e.occurredAt.toISOString(),
      source: e.source,
      dedupe_key: e.dedupeKey ?? null,
      payload: JSON.stringify(e.payload ?? {}),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}

/** Whether an event with this dedupe key is already stored. */
export async function eventWithKeyExists(db: Kysely<Database>, dedupeKey: string): Promise<boolean> {
  const seen = await db.selectFrom('events').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst()
  return seen !== undefined
}
