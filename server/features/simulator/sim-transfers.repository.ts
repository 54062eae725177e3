import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>
export type SimTransfer = Selectable<Database['sim_transfers']>

export const TRANSFER = { done: 1, waiting: 2, refused: 3, limitReached: 4, none: 5 } as const

export async function insertTransfer(db: Q, row: Insertable<Database['sim_transfers']>): Promise<void> {
  await db.insertInto('sim_transfers').values(row).execute()
}

/** Transfers of one customer requested since `since` (epoch seconds), newest first. */
export async function transfersOfCustomerSince(db: Q, externalUserid: string, since: number): Promise<SimTransfer[]> {
  return db
    .selectFrom('sim_transfers')
    .selectAll()
    .where('external_userid', '=', externalUserid)
    .where('requested_at', '>=', since)
    .orderBy('id', 'desc')
    .execute()
}

/** The latest transfer per customer between two members (what transfer_result reports). */
export async function transfersOfPair(
  db: Q,
  kind: 'onjob' | 'resigned',
  handover: string,
  takeover: string,
): Promise<SimTransfer[]> {
  const rows = await db
    .selectFrom('sim_transfers')
    .selectAll()
    .where('kind', '=', kind)
    .where('handover_userid', '=', handover)
    .where('takeover_userid', '=', takeover)
    .orderBy('id', 'desc')
    .execute()
  const latest = new Map<string, SimTransfer>()
  for (const r of rows) if (!latest.has(r.external_userid)) latest.set(r.external_userid, r)
  return [...latest.values()].sort((a, b) => a.id - b.id)
}

export async function dueTransfers(db: Q, now: number): Promise<SimTransfer[]> {
  return db
    .selectFrom('sim_transfers')
    .selectAll()
    .where('status', '=', TRANSFER.waiting)
    .where('takeover_time', '<=', now)
    .orderBy('id')
    .execute()
}

export async function waitingTransferOf(db: Q, externalUserid: string): Promise<SimTransfer | undefined> {
  return db
    .selectFrom('sim_transfers')
    .selectAll()
    .where('external_userid', '=', externalUserid)
    .where('status', '=', TRANSFER.waiting)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Transfers still in their 24 h that a member hands over or takes over, with the customer's name. */
export async function waitingTransfersOfMember(db: Q, userid: string) {
  return db
    .selectFrom('sim_transfers as t')
    .leftJoin('sim_people as p', 'p.external_userid', 't.external_userid')
    .leftJoin('staff as h', 'h.wecom_userid', 't.handover_userid')
    .leftJoin('staff as s', 's.wecom_userid', 't.takeover_userid')
    .select([
      't.id',
      't.kind',
      't.handover_userid',
      't.takeover_userid',
      't.external_userid',
      't.takeover_time',
      'p.name',
      'h.name as handover_name',
      's.name as takeover_name',
    ])
    .where('t.status', '=', TRANSFER.waiting)
    .where((eb) => eb.or([eb('t.handover_userid', '=', userid), eb('t.takeover_userid', '=', userid)]))
    .orderBy('t.id')
    .execute()
}

export async function setTransfer(db: Q, id: number, set: Partial<SimTransfer>): Promise<void> {
  await db.updateTable('sim_transfers').set(set).where('id', '=', id).execute()
}

/** Moves the follow relation to the successor (WeCom keeps the external_userid); already friends → the old one ends. */
export async function moveFollow(db: Q, t: SimTransfer): Promise<void> {
  const existing = await db
    .selectFrom('sim_follows')
    .select('userid')
    .where('userid', '=', t.takeover_userid)
    .where('external_userid', '=', t.external_userid)
    .where('deleted_by_member', '=', 0)
    .executeTakeFirst()
  const old = db
    .updateTable('sim_follows')
    .where('userid', '=', t.handover_userid)
    .where('external_userid', '=', t.external_userid)
  if (existing) await old.set({ deleted_by_member: 1 }).execute()
  else {
    await db
      .deleteFrom('sim_follows')
      .where('userid', '=', t.takeover_userid)
      .where('external_userid', '=', t.external_userid)
      .execute()
    await old.set({ userid: t.takeover_userid, oper_userid: t.takeover_userid }).execute()
  }
}

/** Members who have left (active = 0), for 离职继承. */
export async function resignedStaff(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select('wecom_userid')
    .where('active', '=', 0)
    .where('wecom_userid', 'is not', null)
    .orderBy('wecom_userid')
    .execute()
  return rows.map((r) => r.wecom_userid!)
}

export async function isActiveStaff(db: Q, userid: string): Promise<boolean | undefined> {
  const row = await db.selectFrom('staff').select('active').where('wecom_userid', '=', userid).executeTakeFirst()
  return row ? Number(row.active) === 1 : undefined
}
