import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { TransferRow } from './handover.repository.js'
import { closeProposals } from './proposals.repository.js'

/**
 * Moves the relation to the successor once WeCom reports the takeover (接替完毕): the same row, so the add time,
 * the binding and the first-add credit stay with it (继承, not a re-add); `added_by` keeps who added the customer,
 * and `relation_owners` who held it when. The former holder no longer has a live relation (requireOwnContact → 403).
 */
export async function applyTakeover(trx: Kysely<Database>, t: TransferRow, at: string): Promise<void> {
  const old = await trx
    .selectFrom('wecom_contacts')
    .selectAll()
    .where('staff_userid', '=', t.handover_userid)
    .where('external_userid', '=', t.external_userid)
    .executeTakeFirst()
  if (!old) return
  const successor = await trx
    .selectFrom('wecom_contacts')
    .select(['id', 'add_time', 'deleted_by'])
    .where('staff_userid', '=', t.takeover_userid)
    .where('external_userid', '=', t.external_userid)
    .executeTakeFirst()
  // Already the successor's own friend before the request: WeCom only ends the old relation.
  const ownFriend = successor && successor.deleted_by === null && successor.add_time < t.requested_at
  if (ownFriend) {
    await trx
      .updateTable('wecom_contacts')
      .set({ deleted_at: at, deleted_by: 'staff', updated_at: at })
      .where('id', '=', old.id)
      .execute()
  } else {
    // A copy an import made of the successor's side meanwhile gives way to the moved relation.
    if (successor) await trx.deleteFrom('wecom_contacts').where('id', '=', successor.id).execute()
    await trx
      .updateTable('wecom_contacts')
      .set({
        staff_userid: t.takeover_userid,
        added_by: old.added_by ?? old.staff_userid,
        deleted_at: null,
        deleted_by: null,
        updated_at: at,
      })
      .where('id', '=', old.id)
      .execute()
  }
  await recordOwnerChange(
    trx,
    t,
    { oldId: Number(old.id), addTime: old.add_time, heldById: ownFriend ? Number(successor.id) : Number(old.id) },
    at,
  )
  await trx
    .insertInto('events')
    .values({
      type: 'contact_handed_over',
      staff_userid: t.takeover_userid,
      external_userid: t.external_userid,
      ref_id: String(t.id),
      occurred_at: at,
      source: 'sync',
      dedupe_key: `handover:${t.id}`,
      payload: JSON.stringify({ from: t.handover_userid, kind: t.kind }),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
  await closeProposals(trx, { externalUserids: [t.external_userid] }, 'settled', at)
  await trx.updateTable('handover_transfers').set({ applied_at: at }).where('id', '=', t.id).execute()
}

/**
 * The relation's history: the former holder's stint ends at the takeover and the successor's begins. `heldById` is
 * the row the successor holds afterwards: the moved row, or their own relation when they were already a friend.
 */
async function recordOwnerChange(
  trx: Kysely<Database>,
  t: TransferRow,
  rel: { oldId: number; addTime: string; heldById: number },
  at: string,
) {
  const history = await trx
    .selectFrom('relation_owners')
    .select('id')
    .where('relation_id', '=', rel.oldId)
    .executeTakeFirst()
  if (!history)
    await trx
      .insertInto('relation_owners')
      .values({
        external_userid: t.external_userid,
        relation_id: rel.oldId,
        owner_userid: t.handover_userid,
        from_at: rel.addTime,
        to_at: null,
        how: 'added',
      })
      .execute()
  await trx
    .updateTable('relation_owners')
    .set({ to_at: at })
    .where('relation_id', '=', rel.oldId)
    .where('owner_userid', '=', t.handover_userid)
    .where('to_at', 'is', null)
    .execute()
  await trx
    .insertInto('relation_owners')
    .values({
      external_userid: t.external_userid,
      relation_id: rel.heldById,
      owner_userid: t.takeover_userid,
      from_at: at,
      to_at: null,
      how: t.kind === 'onjob' ? 'handover' : 'resigned',
    })
    .execute()
}
