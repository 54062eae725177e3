import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { TransferStatus } from './handover.table.js'

type Q = Kysely<Database>
export type TransferRow = Selectable<Database['handover_transfers']>

export async function insertTransfers(db: Q, rows: Insertable<Database['handover_transfers']>[]): Promise<number[]> {
  const ids: number[] = []
  for (const row of rows) {
    const r = await db.insertInto('handover_transfers').values(row).returning('id').executeTakeFirstOrThrow()
    ids.push(Number(r.id))
  }
  return ids
}

export async function updateTransfer(db: Q, id: number, set: Updateable<Database['handover_transfers']>) {
  await db.updateTable('handover_transfers').set(set).where('id', '=', id).execute()
}

/** Transfers WeCom counts against the 2-per-90-days rule (在职转接 requested and not refused by WeCom or the customer). */
export async function countedOnjobTransfers(db: Q, externalUserids: string[], since: string) {
  if (!externalUserids.length) return new Map<string, number>()
  const rows = await db
    .selectFrom('handover_transfers')
    .select(['external_userid', (eb) => eb.fn.countAll<number>().as('n')])
    .where('external_userid', 'in', externalUserids)
    .where('kind', '=', 'onjob')
    .where('status', 'in', ['waiting', 'accepted', 'limit_reached'])
    .where('requested_at', '>=', since)
    .groupBy('external_userid')
    .execute()
  return new Map(rows.map((r) => [r.external_userid, Number(r.n)]))
}

export async function latestStatusOf(db: Q, externalUserids: string[]): Promise<Map<string, TransferStatus>> {
  if (!externalUserids.length) return new Map()
  const rows = await db
    .selectFrom('handover_transfers')
    .select(['external_userid', 'status'])
    .where('external_userid', 'in', externalUserids)
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [r.external_userid, r.status]))
}

export async function waitingTransfers(db: Q): Promise<TransferRow[]> {
  return db.selectFrom('handover_transfers').selectAll().where('status', '=', 'waiting').orderBy('id').execute()
}

/** Transfers touching any of these members, newest first. */
export async function transfersOfStaff(db: Q, userids: string[], limit = 500): Promise<TransferRow[]> {
  if (!userids.length) return []
  return db
    .selectFrom('handover_transfers')
    .selectAll()
    .where((eb) => eb.or([eb('handover_userid', 'in', userids), eb('takeover_userid', 'in', userids)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** transfer_fail callbacks (stored as events by the wecom feature) for a successor and customer since a time. */
export async function transferFailures(db: Q, takeover: string, externalUserid: string, since: string) {
  const rows = await db
    .selectFrom('events')
    .select(['payload', 'occurred_at'])
    .where('type', '=', 'contact_transfer_failed')
    .where('staff_userid', '=', takeover)
    .where('external_userid', '=', externalUserid)
    .where('occurred_at', '>=', since)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({ at: r.occurred_at, reason: String(JSON.parse(r.payload ?? '{}').failReason ?? '') }))
}
