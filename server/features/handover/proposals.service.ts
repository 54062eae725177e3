import type { Kysely } from 'kysely'
import type { HandoverProposal } from '../../contracts/handover.js'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { ownerMismatches } from './handover.repository.js'
import { staffInScope } from './handover.service.js'
import {
  activeWecomUsers,
  closeProposals,
  insertProposals,
  liveRelationsOfCustomers,
  openProposalsOf,
  proposalsOf,
  type OwnerChange,
} from './proposals.repository.js'

/**
 * Called by the CRM import and sync in the transaction that applies owner changes: a customer whose new CRM owner
 * is an active member who is not their WeCom friend, while the previous owner is, gets a handover proposal (the
 * import itself never moves a WeCom relation). Open proposals the change makes moot are settled.
 */
export async function proposeHandovers(db: Kysely<Database>, changes: readonly OwnerChange[]): Promise<number> {
  if (!changes.length) return 0
  const latest = new Map(changes.map((c) => [c.cif_no, c]))
  const owners = await activeWecomUsers(db, [...new Set([...latest.values()].flatMap((c) => c.to_staff_id ?? []))])
  const ownerOf = (cif: string) => owners.get(latest.get(cif)?.to_staff_id ?? '')
  const at = [...latest.values()].at(-1)!.changed_at
  const open = await openProposalsOf(db, [...latest.keys()])
  const moot = open.filter((p) => p.crm_owner_userid !== ownerOf(p.cif_no))
  await closeProposals(db, { ids: moot.map((p) => Number(p.id)) }, 'settled', at)
  const kept = new Set(open.filter((p) => !moot.includes(p)).map((p) => `${p.external_userid}\u0000${p.holder_userid}`))
  const relations = await liveRelationsOfCustomers(db, [...latest.keys()])
  const friends = new Set(relations.map((r) => `${r.external_userid}\u0000${r.staff_userid}`))
  const rows = relations.flatMap((r) => {
    const change = latest.get(r.cif_no)!
    const owner = ownerOf(r.cif_no)
    const proposable =
      owner !== undefined &&
      r.holder_staff_id === change.from_staff_id &&
      r.staff_userid !== owner &&
      !friends.has(`${r.external_userid}\u0000${owner}`) &&
      !kept.has(`${r.external_userid}\u0000${r.staff_userid}`)
    if (!proposable) return []
    return [
      {
        external_userid: r.external_userid,
        cif_no: r.cif_no,
        holder_userid: r.staff_userid,
        crm_owner_userid: owner,
        previous_owner_staff_id: change.from_staff_id,
        crm_run_id: change.run_id,
        proposed_at: change.changed_at,
        status: 'open' as const,
        closed_at: null,
        closed_by: null,
      },
    ]
  })
  await insertProposals(db, rows)
  return rows.length
}

/**
 * 待转接建议 for the supervisor's members: customers whose CRM owner is another active member who is not their
 * friend and with no transfer waiting; with the date of the CRM change that proposed it, minus those dismissed.
 */
export async function listProposals(ctx: AppContext, viewer: SessionStaff): Promise<HandoverProposal[]> {
  const staff = await staffInScope(ctx, viewer)
  const rows = await ownerMismatches(
    ctx.db.kysely,
    staff.map((s) => s.userid),
  )
  const recorded = await proposalsOf(
    ctx.db.kysely,
    rows.map((r) => r.external_userid),
  )
  return rows.flatMap((r) => {
    const latest = recorded.find(
      (p) =>
        p.external_userid === r.external_userid &&
        p.holder_userid === r.holder_userid &&
        p.crm_owner_userid === r.owner_userid,
    )
    if (latest?.status === 'dismissed') return []
    return [
      {
        externalUserId: r.external_userid,
        customerName: r.name,
        holderUserid: r.holder_userid,
        holderName: r.holder_name,
        crmOwnerUserid: r.owner_userid!,
        crmOwnerName: r.owner_name,
        proposedAt: latest?.status === 'open' ? latest.proposed_at : null,
      },
    ]
  })
}

/** The supervisor decides against handing these customers over (e.g. the customer asked to stay): audited. */
export async function dismissProposals(ctx: AppContext, viewer: SessionStaff, externalUserIds: string[], ip?: string) {
  const db = ctx.db.kysely
  const wanted = new Set(externalUserIds)
  const staff = await staffInScope(ctx, viewer)
  const current = (
    await ownerMismatches(
      db,
      staff.map((s) => s.userid),
    )
  ).filter((r) => wanted.has(r.external_userid))
  const at = ctx.now().toISOString()
  await db.transaction().execute(async (trx) => {
    const exts = current.map((r) => r.external_userid)
    const proposed = new Set(
      (
        await openProposalsOf(
          trx,
          current.map((r) => r.cif_no),
        )
      ).map((p) => p.external_userid),
    )
    await closeProposals(trx, { externalUserids: exts }, 'dismissed', at, viewer.id)
    // A mismatch no CRM change proposed (e.g. since the first import) is remembered as dismissed too.
    await insertProposals(
      trx,
      current
        .filter((r) => !proposed.has(r.external_userid))
        .map((r) => ({
          external_userid: r.external_userid,
          cif_no: r.cif_no,
          holder_userid: r.holder_userid,
          crm_owner_userid: r.owner_userid!,
          previous_owner_staff_id: null,
          crm_run_id: '',
          proposed_at: at,
          status: 'dismissed' as const,
          closed_at: at,
          closed_by: viewer.id,
        })),
    )
    await recordAudit(
      trx,
      {
        actorStaffId: viewer.id,
        action: 'handover.dismiss',
        target: `customers:${exts.length}`,
        outcome: 'allowed',
        ip,
        detail: { externalUserIds: exts },
      },
      ctx.now(),
    )
  })
  return { dismissed: current.length }
}
