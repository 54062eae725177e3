import type { GroupView } from '../../contracts/groups.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/audit.js'
import { loadGroupChat } from './group-chat.source.js'
import { externalMembersFor } from './group-members.js'

const IN_PROGRESS = new Set(['sent', 'opened'])

/**
 * A customer group for the sidebar: only its owner or a member of it may look; every view and refusal
 * is audited. Membership comes from WeCom itself, so it is as fresh as the group cache.
 */
export async function getGroupView(ctx: AppContext, staff: SessionStaff, chatId: string, ip: string | undefined): Promise<GroupView> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const target = `group:${chatId}`
  const group = await loadGroupChat(ctx, chatId)
  const isOwner = group.owner === staff.userid
  const isMember = group.member_list.some((m) => m.type === 1 && m.userid === staff.userid)
  if (!isOwner && !isMember) {
    await recordAudit(db, { actorStaffId: staff.id, action: 'group.view', target, outcome: 'denied', ip }, now)
    throw new AppError('NOT_YOUR_GROUP', 403, '您不是该客户群的群主或成员，无法查看')
  }
  const [externals, owner] = await Promise.all([
    externalMembersFor(db, staff.userid, group.member_list, now),
    db.selectFrom('staff').select('name').where('wecom_userid', '=', group.owner).executeTakeFirst(),
  ])
  const verified = externals.filter((m) => m.verification.status === 'verified').length
  await recordAudit(db, { actorStaffId: staff.id, action: 'group.view', target, outcome: 'allowed', ip, detail: { externals: externals.length } }, now)
  return {
    chatId: group.chat_id,
    name: group.name || '未命名客户群',
    owner: { userid: group.owner, name: owner?.name ?? group.owner },
    viewerIsOwner: isOwner,
    memberCount: group.member_list.length,
    staffCount: group.member_list.length - externals.length,
    summary: { externals: externals.length, verified, inProgress: externals.filter((m) => IN_PROGRESS.has(m.verification.status)).length },
    externals,
  }
}
