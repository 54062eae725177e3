import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** A customer's CRM owner change as the CRM writer records it (`customer_owner_changes`). */
export interface OwnerChange {
  cif_no: string
  from_staff_id?: string | null
  to_staff_id?: string | null
  changed_at: string
  run_id: string
}

/** Live WeCom relations of these customers' identities, with the holder's staff id. */
export async function liveRelationsOfCustomers(db: Q, cifNos: string[]) {
  if (!cifNos.length) return []
  return db
    .selectFrom('wecom_contacts as wc')
    .innerJoin('bindings as b', 'b.external_userid', 'wc.external_userid')
    .innerJoin('staff as holder', 'holder.wecom_userid', 'wc.staff_userid')
    .select(['b.cif_no', 'wc.external_userid', 'wc.staff_userid', 'holder.id as holder_staff_id'])
    .where('b.cif_no', 'in', cifNos)
    .where('wc.deleted_by', 'is', null)
    .execute()
}

/** Active members with a WeCom account among these staff ids: who can take a customer over. */
export async function activeWecomUsers(db: Q, staffIds: string[]): Promise<Map<string, string>> {
  if (!staffIds.length) return new Map()
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'wecom_userid'])
    .where('id', 'in', staffIds)
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .execute()
  return new Map(rows.map((r) => [r.id, r.wecom_userid!]))
}

export async function openProposalsOf(db: Q, cifNos: string[]) {
  if (!cifNos.length) return []
  return db
    .selectFrom('handover_proposals')
    .select(['id', 'cif_no', 'external_userid', 'holder_userid', 'crm_owner_userid'])
    .where('cif_no', 'in', cifNos)
    .where('status', '=', 'open')
    .execute()
}

export async function insertProposals(db: Q, rows: Insertable<Database['handover_proposals']>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('handover_proposals')
      .values(rows.slice(i, i + 500))
      .execute()
}

/** Closes open proposals by id (`settled`: they no longer apply) or by customer (`started` / `dismissed`). */
export async function closeProposals(
  db: Q,
  where: { ids?: number[]; externalUserids?: string[] },
  status: 'started' | 'dismissed' | 'settled',
  at: string,
  by: string | null = null,
) {
  const ids = where.ids ?? []
  const exts = where.externalUserids ?? []
  if (!ids.length && !exts.length) return
  await db
    .updateTable('handover_proposals')
    .set({ status, closed_at: at, closed_by: by })
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('id', 'in', ids)] : []),
        ...(exts.length ? [eb('external_userid', 'in', exts)] : []),
      ]),
    )
    .execute()
}

/** Proposals of these customers, newest first: when the CRM change was applied and what became of it. */
export async function proposalsOf(db: Q, externalUserids: string[]) {
  if (!externalUserids.length) return []
  return db
    .selectFrom('handover_proposals')
    .select(['external_userid', 'holder_userid', 'crm_owner_userid', 'proposed_at', 'status'])
    .where('external_userid', 'in', externalUserids)
    .orderBy('id', 'desc')
    .execute()
}
