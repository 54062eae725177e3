import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { appendEvent } from '../events/index.js'
import { updateTransfer, type TransferRow } from './transfers.repository.js'
import { closeProposals } from './proposals.repository.js'
import { closeOwnerStint, hasOwnerHistory, insertOwnerStint } from './relation-owners.repository.js'
import {
  deleteRelation,
  endRelationByStaff,
  findRelationOf,
  findRelationStateOf,
  moveRelationTo,
} from './takeover.repository.js'

/**
 * Moves the relation to the successor once WeCom reports the takeover (接替完毕): the same row, so the add time,
 * the binding and the first-add credit stay with it (继承, not a re-add); `added_by` keeps who added the customer,
 * and `relation_owners` who held it when. The former holder no longer has a live relation (requireOwnContact → 403).
 */
export async function applyTakeover(trx: Kysely<Database>, t: TransferRow, at: string): Promise<void> {
  const old = await findRelationOf(trx, t.handover_userid, t.external_userid)
  if (!old) return
  const successor = await findRelationStateOf(trx, t.takeover_userid, t.external_userid)
  // Already the successor's own friend before the request: WeCom only ends the old relation.
  const ownFriend = successor && successor.deleted_by === null && successor.add_time < t.requested_at
  if (ownFriend) {
    await endRelationByStaff(trx, old.id, at)
  } else {
    // A copy an import made of the successor's side meanwhile gives way to the moved relation.
    if (successor) await deleteRelation(trx, successor.id)
    await moveRelationTo(trx, old.id, {
      staffUserid: t.takeover_userid,
      addedBy: old.added_by ?? old.staff_userid,
      at,
    })
  }
  await recordOwnerChange(
    trx,
    t,
    { oldId: Number(old.id), addTime: old.add_time, heldById: ownFriend ? Number(successor.id) : Number(old.id) },
    at,
  )
  await appendEvent(trx, {
    type: 'contact_handed_over',
    staffUserid: t.takeover_userid,
    externalUserid: t.external_userid,
    refId: String(t.id),
    occurredAt: new Date(at),
    source: 'sync',
    dedupeKey: `handover:${t.id}`,
    payload: { from: t.handover_userid, kind: t.kind },
  })
  await closeProposals(trx, { externalUserids: [t.external_userid] }, 'settled', at)
  await updateTransfer(trx, t.id, { applied_at: at })
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
  if (!(await hasOwnerHistory(trx, rel.oldId)))
    await insertOwnerStint(trx, {
      external_userid: t.external_userid,
      relation_id: rel.oldId,
      owner_userid: t.handover_userid,
      from_at: rel.addTime,
      to_at: null,
      how: 'added',
    })
  await closeOwnerStint(trx, rel.oldId, t.handover_userid, at)
  await insertOwnerStint(trx, {
    external_userid: t.external_userid,
    relation_id: rel.heldById,
    owner_userid: t.takeover_userid,
    from_at: at,
    to_at: null,
    how: t.kind === 'onjob' ? 'handover' : 'resigned',
  })
}
