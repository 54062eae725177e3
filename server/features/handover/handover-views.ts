import type { HandoverCustomer, HandoverStaff } from '../../contracts/handover.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { liveContactsOf, liveCustomerCounts } from './handover.repository.js'
import { countedOnjobTransfers, latestStatusOf, transfersOfStaff } from './transfers.repository.js'
import { describeTransfers, ONJOB_LIMIT, requireInScope, staffInScope } from './handover.service.js'

/** Members in the supervisor's branches with how many customers each holds (leavers first). */
export async function listHandoverStaff(ctx: AppContext, viewer: SessionStaff): Promise<HandoverStaff[]> {
  const staff = await staffInScope(ctx, viewer)
  const counts = await liveCustomerCounts(
    ctx.db.kysely,
    staff.map((s) => s.userid),
  )
  return staff
    .map((s) => ({
      userid: s.userid,
      name: s.name,
      branchName: s.branchName,
      active: s.active,
      customers: counts.get(s.userid) ?? 0,
    }))
    .sort((a, b) => Number(a.active) - Number(b.active))
}

/** A member's customers as handover candidates: segment, CRM owner (the suggested successor), transfers so far. */
export async function listHandoverCustomers(
  ctx: AppContext,
  viewer: SessionStaff,
  handover: string,
  segment?: string,
): Promise<HandoverCustomer[]> {
  const db = ctx.db.kysely
  await requireInScope(ctx, viewer, handover)
  const rows = (await liveContactsOf(db, handover)).filter((r) => !segment || r.segment === segment)
  const exts = rows.map((r) => r.external_userid)
  const since = new Date(ctx.now().getTime() - ONJOB_LIMIT.days * 86_400_000).toISOString()
  const counted = await countedOnjobTransfers(db, exts, since)
  const status = await latestStatusOf(db, exts)
  return rows.map((r) => ({
    externalUserId: r.external_userid,
    name: r.name,
    segment: r.segment ?? null,
    crmOwnerUserid: r.owner_userid ?? null,
    crmOwnerName: r.owner_name ?? null,
    transfersIn90Days: counted.get(r.external_userid) ?? 0,
    status: status.get(r.external_userid) ?? null,
  }))
}

export async function listTransfers(ctx: AppContext, viewer: SessionStaff) {
  const staff = await staffInScope(ctx, viewer)
  const rows = await transfersOfStaff(
    ctx.db.kysely,
    staff.map((s) => s.userid),
  )
  return describeTransfers(ctx, rows)
}
