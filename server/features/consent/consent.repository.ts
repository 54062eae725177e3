import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { ConsentChannel } from './consent.table.js'

type Q = Kysely<Database>

export interface ConsentState {
  optedOut: boolean
  channel: ConsentChannel | null
  at: string | null
}

/** The contact's current marketing consent: their latest row, or "not opted out" when there is none. */
export async function findConsent(db: Q, externalUserid: string): Promise<ConsentState> {
  const row = await db
    .selectFrom('marketing_consent')
    .select(['opted_out', 'channel', 'at'])
    .where('external_userid', '=', externalUserid)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { optedOut: row.opted_out === 1, channel: row.channel, at: row.at } : NO_ANSWER
}

const NO_ANSWER: ConsentState = { optedOut: false, channel: null, at: null }

/** Of `externalUserids`, those whose latest consent row says opted out (mass sends skip them). */
export async function listOptedOut(db: Q, externalUserids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (let i = 0; i < externalUserids.length; i += 500) {
    const rows = await db
      .selectFrom('marketing_consent as m')
      .select(['m.external_userid', 'm.opted_out'])
      .where('m.external_userid', 'in', externalUserids.slice(i, i + 500))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('marketing_consent as later')
              .select('later.id')
              .whereRef('later.external_userid', '=', 'm.external_userid')
              .whereRef('later.id', '>', 'm.id'),
          ),
        ),
      )
      .execute()
    for (const r of rows) if (r.opted_out === 1) out.add(r.external_userid)
  }
  return out
}

export async function insertConsent(
  db: Q,
  row: { externalUserid: string; optedOut: boolean; channel: ConsentChannel; staffUserid: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('marketing_consent')
    .values({
      external_userid: row.externalUserid,
      opted_out: row.optedOut ? 1 : 0,
      channel: row.channel,
      staff_userid: row.staffUserid,
      at: row.at.toISOString(),
    })
    .execute()
}
