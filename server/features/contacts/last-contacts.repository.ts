import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'

/** The most recent things that happened between this manager and this contact. */
export const latestEvents = preparedQuery<
  { staffUserid: string; externalUserid: string; limit: number },
  { type: string; occurred_at: string }
>((db, param) =>
  db
    .selectFrom('events')
    .select(['type', 'occurred_at'])
    .where('external_userid', '=', param('externalUserid'))
    .where('staff_userid', '=', param('staffUserid'))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(param('limit')),
)

export async function latestEventsBetween(
  db: Kysely<Database>,
  staffUserid: string,
  externalUserid: string,
  limit: number,
) {
  return latestEvents.execute(db, { staffUserid, externalUserid, limit })
}
