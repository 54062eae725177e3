import type { GroupView } from '../../contracts/groups.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { groupForStaff, notYourGroup } from './group-access.js'
import { externalMembersFor } from './group-members.js'
import { findStaffNameByUserid } from './groups.repository.js'

const IN_PROGRESS = new Set(['sent', 'opened'])

/**
 * A customer group for the sidebar: only its owner or a member of it may look; every view and refusal
 * is audited. Membership comes from WeCom itself, so it is as fresh as the group cache.
 */
export async function getGroupView(
  ctx: AppContext,
  staff: SessionStaff,
  chatId: string,
  ip: string | undefined,
): Promise<GroupView> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const target = `group:${chatId}`
  const { group, isOwner, isMember } = await groupForStaff(ctx, staff, chatId)
  if (!isOwner && !isMember) {
    await recordAudit(db, { actorStaffId: staff.id, action: 'group.view', target, outcome: 'denied', ip }, now)
    throw notYourGroup()
  }
  const [externals, owner] = await Promise.all([
    externalMembersFor(db, staff.userid, group.member_list, now),
    findStaffNameByUserid(db, group.owner),
  ])
  const verified = externals.filter((m) => m.verification.status === 'verified').length
  await recordAudit(
    db,
    {
      actorStaffId: staff.id,
      action: 'group.view',
      target,
      outcome: 'allowed',
      ip,
      detail: { externals: externals.length },
    },
    now,
  )
  return {
    chatId: group.chat_id,
    name: group.name || '未命名客户群',
    owner: { userid: group.owner, name: owner?.name ?? group.owner },
    viewerIsOwner: isOwner,
    memberCount: group.member_list.length,
    staffCount: group.member_list.length - externals.length,
    summary: {
      externals: externals.length,
      verified,
      inProgress: externals.filter((m) => IN_PROGRESS.has(m.verification.status)).length,
    },
    externals,
  }
}
