import type { StartHandoverBody, Transfer, TransferStatus } from '../../contracts/handover.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { branchSubtreeIds } from '../org/index.js'
import { getWecomClient, wecomUnavailable } from '../wecom/index.js'
import { namesOf, staffNames, staffOfBranches, type ScopeStaffRow } from './handover.repository.js'
import { countedOnjobTransfers, insertTransfers, type TransferRow } from './transfers.repository.js'
import { closeProposals } from './proposals.repository.js'

/** WeCom: "90个自然日内，在职成员的每位客户仅可被转接2次"; at most 100 customers per call. */
export const ONJOB_LIMIT = { transfers: 2, days: 90 }
export const PER_CALL = 100

/** Why WeCom refused to start a customer's transfer, in words a supervisor can act on. */
export function rejectionReason(errcode: number | null): string | null {
  if (errcode === null) return null
  if (errcode === 40128) return '该客户 90 天内已被转接 2 次，企业微信不允许再次转接，请 90 天后再试'
  if (errcode === 40129) return '该客户正在转接中，请等待 24 小时后的结果'
  if (errcode === 40096 || errcode === 84061) return '该客户已不是原跟进成员的好友，无法转接'
  return `企业微信拒绝了该客户的转接（错误码 ${errcode}）`
}

/** The front-office members a supervisor may hand over from and to: their branch and below. */
export async function staffInScope(ctx: AppContext, viewer: SessionStaff): Promise<ScopeStaffRow[]> {
  return staffOfBranches(ctx.db.kysely, await branchSubtreeIds(ctx.db.kysely, viewer.branchId))
}

export async function requireInScope(ctx: AppContext, viewer: SessionStaff, userid: string): Promise<ScopeStaffRow> {
  const member = (await staffInScope(ctx, viewer)).find((s) => s.userid === userid)
  if (!member) throw new AppError('OUT_OF_SCOPE', 403, '该员工不在您的管辖范围内')
  return member
}

/**
 * Asks WeCom to hand the customers over (100 per call); each customer's answer is kept as its transfer state.
 * Customers WeCom would refuse for the 2-in-90-days rule are refused here first with the reason.
 */
export async function startHandover(ctx: AppContext, viewer: SessionStaff, body: StartHandoverBody, ip?: string) {
  const db = ctx.db.kysely
  const from = await requireInScope(ctx, viewer, body.handoverUserid)
  const to = await requireInScope(ctx, viewer, body.takeoverUserid)
  if (from.userid === to.userid) throw new AppError('VALIDATION_FAILED', 400, '接替成员不能是原跟进成员')
  if (!to.active) throw new AppError('HANDOVER_INVALID', 409, `${to.name} 已离职，不能接替客户`)
  if (body.kind === 'onjob' && !from.active)
    throw new AppError('HANDOVER_INVALID', 409, `${from.name} 已离职，请使用「离职继承」`)
  if (body.kind === 'resigned' && from.active)
    throw new AppError('HANDOVER_INVALID', 409, `${from.name} 仍在职，请使用「在职转接」`)
  const now = ctx.now()
  const customers = [...new Set(body.externalUserIds)]
  const since = new Date(now.getTime() - ONJOB_LIMIT.days * 86_400_000).toISOString()
  const counted = body.kind === 'onjob' ? await countedOnjobTransfers(db, customers, since) : new Map()
  const blocked = customers.filter((c) => (counted.get(c) ?? 0) >= ONJOB_LIMIT.transfers)
  if (blocked.length === customers.length)
    throw new AppError(
      'HANDOVER_LIMIT',
      409,
      rejectionReason(40128)!.replace('该客户', `所选 ${blocked.length} 位客户均`),
    )
  const answers = new Map<string, number>(blocked.map((c) => [c, 40128]))
  const client = getWecomClient(ctx)
  const open = customers.filter((c) => !answers.has(c))
  for (let i = 0; i < open.length; i += PER_CALL) {
    const part = open.slice(i, i + PER_CALL)
    const request = { handover_userid: from.userid, takeover_userid: to.userid, external_userid: part }
    try {
      const reply =
        body.kind === 'onjob'
          ? await client.transferCustomer({
              ...request,
              ...(body.message ? { transfer_success_msg: body.message } : {}),
            })
          : await client.resignedTransferCustomer(request)
      for (const c of reply.customer) answers.set(c.external_userid, c.errcode)
    } catch (err) {
      // Nothing was started: fail honestly. A later batch failing keeps what WeCom already accepted.
      if (i === 0) throw wecomUnavailable(ctx, err, 'transfer_customer')
      break
    }
  }
  const at = now.toISOString()
  const rows = customers
    .filter((c) => answers.has(c))
    .map((c) => {
      const errcode = answers.get(c)!
      return {
        kind: body.kind,
        handover_userid: from.userid,
        takeover_userid: to.userid,
        external_userid: c,
        status: (errcode === 0 ? 'waiting' : 'rejected') as TransferStatus,
        errcode: errcode === 0 ? null : errcode,
        takeover_at: errcode === 0 ? new Date(now.getTime() + 86_400_000).toISOString() : null,
        message: body.message ?? null,
        requested_by: viewer.id,
        requested_at: at,
        checked_at: null,
        applied_at: null,
      }
    })
  const ids = await db.transaction().execute(async (trx) => {
    const inserted = await insertTransfers(trx, rows)
    const started = rows.filter((r) => r.status === 'waiting').map((r) => r.external_userid)
    await closeProposals(trx, { externalUserids: started }, 'started', at, viewer.id)
    await recordAudit(
      trx,
      {
        actorStaffId: viewer.id,
        action: 'handover.start',
        target: `staff:${from.userid}`,
        outcome: 'allowed',
        ip,
        detail: { kind: body.kind, to: to.userid, customers: rows.length },
      },
      now,
    )
    return inserted
  })
  const items = await describeTransfers(
    ctx,
    rows.map((r, i) => ({ ...r, id: ids[i]! })),
  )
  return {
    requested: rows.filter((r) => r.status === 'waiting').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    items,
  }
}

/** Transfer rows as the console shows them: names, state and WeCom's reason. */
export async function describeTransfers(ctx: AppContext, rows: TransferRow[]): Promise<Transfer[]> {
  const db = ctx.db.kysely
  const staff = await staffNames(
    db,
    rows.flatMap((r) => [r.handover_userid, r.takeover_userid]),
  )
  const customers = await namesOf(
    db,
    rows.map((r) => r.external_userid),
  )
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    handoverUserid: r.handover_userid,
    handoverName: staff.get(r.handover_userid) ?? r.handover_userid,
    takeoverUserid: r.takeover_userid,
    takeoverName: staff.get(r.takeover_userid) ?? r.takeover_userid,
    externalUserId: r.external_userid,
    customerName: customers.get(r.external_userid) ?? '',
    status: r.status,
    reason: r.status === 'rejected' ? rejectionReason(r.errcode) : null,
    takeoverAt: r.takeover_at,
    requestedAt: r.requested_at,
  }))
}
