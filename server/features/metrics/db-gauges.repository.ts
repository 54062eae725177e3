import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** When the last CRM sync or import finished (null before the first). */
export async function lastCrmRunFinishedAt(db: Q): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('crm_runs')
    .select((eb) => eb.fn.max('finished_at').as('last'))
    .executeTakeFirst()
  return row?.last as string | null | undefined
}

/** Callbacks not yet processed (dead-lettered ones included) and when the oldest of them arrived. */
export async function callbackBacklog(db: Q): Promise<{ pending: number | string; oldest: string | null }> {
  const row = await db
    .selectFrom('wecom_callbacks')
    .select([sql<number>`count(*)`.as('pending'), sql<string | null>`min(received_at)`.as('oldest')])
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row
}
