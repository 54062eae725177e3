import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { AddVerdictsTable } from '../process.table.js'

/** An add of the period whose holder when the period ended is not its holder today (handed over since). */
export type OwnerShift = Selectable<AddVerdictsTable> & { periodOwner: string; addWay: number }

/**
 * Reports count a relation for whoever held it when the period ended (`relation_owners`), so a handover moves a
 * customer from its takeover on only: a period that ended before the takeover keeps the add with the former
 * holder. Only handed-over relations have a history, so this reads a handful of rows, not the period's adds.
 */
export async function ownerShifts(db: Kysely<Database>, start: string, end: string): Promise<OwnerShift[]> {
  const rows = await db
    .selectFrom('relation_owners as ro')
    .innerJoin('add_verdicts as av', 'av.relation_id', 'ro.relation_id')
    .innerJoin('wecom_contacts as wc', 'wc.id', 'av.relation_id')
    .selectAll('av')
    .select(['ro.owner_userid as periodOwner', 'wc.add_way as addWay'])
    .where('ro.from_at', '<', end)
    .where((eb) => eb.or([eb('ro.to_at', 'is', null), eb('ro.to_at', '>=', end)]))
    .whereRef('ro.owner_userid', '!=', 'av.staff_userid')
    .where('av.add_time', '>=', start)
    .where('av.add_time', '<', end)
    .execute()
  return rows.map((r) => ({ ...r, relation_id: Number(r.relation_id), addWay: Number(r.addWay) }))
}
