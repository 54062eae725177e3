import type { HandoverGroup, TransferGroupsBody, TransferGroupsResult } from '../../contracts/handover.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { getWecomClient, loadGroupChat, wecomUnavailable } from '../wecom/index.js'
import { PER_CALL, requireInScope } from './handover.service.js'

/** Groups listed with their names (one groupchat/get each, cached a minute): the first 200 are enough to pick from. */
const MAX_LISTED = 200

/** Why WeCom refused to move a group, in words a supervisor can act on. */
export function groupRejectionReason(errcode: number): string {
  if (errcode === 40050) return '该群已解散或不存在'
  if (errcode === 40058) return '群主状态与转接方式不符，或接替成员已是群主'
  return `企业微信拒绝了该群的转接（错误码 ${errcode}）`
}

/** The customer groups a member owns (groupchat/list with the owner filter), with name and size. */
export async function listGroupsOf(ctx: AppContext, viewer: SessionStaff, owner: string): Promise<HandoverGroup[]> {
  await requireInScope(ctx, viewer, owner)
  const client = getWecomClient(ctx)
  const chatIds: string[] = []
  let cursor: string | undefined
  try {
    do {
      const reply = await client.listGroupChats({
        owner_filter: { userid_list: [owner] },
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      })
      chatIds.push(...reply.group_chat_list.map((g) => g.chat_id))
      cursor = reply.next_cursor || undefined
    } while (cursor && chatIds.length < MAX_LISTED)
  } catch (err) {
    throw wecomUnavailable(ctx, err, 'groupchat/list')
  }
  const groups = []
  for (const chatId of chatIds.slice(0, MAX_LISTED)) {
    const g = await loadGroupChat(ctx, chatId)
    groups.push({ chatId, name: g.name || '未命名客户群', memberCount: g.member_list.length })
  }
  return groups
}

/**
 * Hands a member's groups to a successor: groupchat/onjob_transfer while the owner is active, groupchat/transfer
 * once they have left (WeCom refuses the other kind), 100 chats per call; each refused chat with WeCom's reason.
 */
export async function transferGroups(
  ctx: AppContext,
  viewer: SessionStaff,
  body: TransferGroupsBody,
  ip?: string,
): Promise<TransferGroupsResult> {
  const from = await requireInScope(ctx, viewer, body.ownerUserid)
  const to = await requireInScope(ctx, viewer, body.takeoverUserid)
  if (from.userid === to.userid) throw new AppError('VALIDATION_FAILED', 400, '接替成员不能是原群主')
  if (!to.active) throw new AppError('HANDOVER_INVALID', 409, `${to.name} 已离职，不能接任群主`)
  const kind = from.active ? 'onjob' : 'resigned'
  const client = getWecomClient(ctx)
  const chats = [...new Set(body.chatIds)]
  const failed: TransferGroupsResult['failed'] = []
  let sent = 0
  for (let i = 0; i < chats.length; i += PER_CALL) {
    const request = { chat_id_list: chats.slice(i, i + PER_CALL), new_owner: to.userid }
    try {
      const reply =
        kind === 'onjob' ? await client.transferOnjobGroupChats(request) : await client.transferGroupChats(request)
      for (const f of reply.failed_chat_list)
        failed.push({ chatId: f.chat_id, errcode: f.errcode, reason: groupRejectionReason(f.errcode) })
      sent += request.chat_id_list.length
    } catch (err) {
      // Nothing was moved: fail honestly. A later batch failing keeps what WeCom already moved.
      if (i === 0) throw wecomUnavailable(ctx, err, 'groupchat/transfer')
      break
    }
  }
  await recordAudit(
    ctx.db.kysely,
    {
      actorStaffId: viewer.id,
      action: 'handover.groups',
      target: `staff:${from.userid}`,
      outcome: 'allowed',
      ip,
      detail: { kind, to: to.userid, chats: sent, failed: failed.length },
    },
    ctx.now(),
  )
  return { kind, transferred: sent - failed.length, failed }
}
