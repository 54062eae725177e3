import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { EscalationRow } from './escalations.repository.js'
import type { EscalationsTable } from './replies.table.js'

type Q = Kysely<Database>

/** Stores a new 问中台 question; its id. */
export async function insertEscalation(db: Q, values: Insertable<EscalationsTable>): Promise<number> {
  const row = await db.insertInto('escalations').values(values).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/**
 * The manager's 20 newest questions that are unanswered or were answered since `answeredSince`, of one contact
 * when given.
 */
export async function listMyEscalationRows(
  db: Q,
  staffUserid: string,
  answeredSince: string,
  externalUserId?: string,
): Promise<EscalationRow[]> {
  let query = db
    .selectFrom('escalations')
    .selectAll()
    .where('staff_userid', '=', staffUserid)
    .where((eb) => eb.or([eb('status', '!=', 'answered'), eb('answered_at', '>=', answeredSince)]))
  if (externalUserId) query = query.where('external_userid', '=', externalUserId)
  return query.orderBy('created_at', 'desc').limit(20).execute()
}

/** One of the manager's own questions. */
export async function findEscalationOfStaff(
  db: Q,
  id: number,
  staffUserid: string,
): Promise<EscalationRow | undefined> {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('id', '=', id)
    .where('staff_userid', '=', staffUserid)
    .executeTakeFirst()
}
