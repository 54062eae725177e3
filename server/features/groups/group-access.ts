import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { type GroupChat, loadGroupChat } from '../wecom/index.js'

export const notYourGroup = () => new AppError('NOT_YOUR_GROUP', 403, '您不是该客户群的群主或成员，无法查看')

/** The group, and whether the signed-in staff member owns it or is in it (membership comes from WeCom). */
export async function groupForStaff(
  ctx: AppContext,
  staff: SessionStaff,
  chatId: string,
): Promise<{ group: GroupChat; isOwner: boolean; isMember: boolean }> {
  const group = await loadGroupChat(ctx, chatId)
  const isOwner = group.owner === staff.userid
  const isMember = group.member_list.some((m) => m.type === 1 && m.userid === staff.userid)
  return { group, isOwner, isMember }
}

/** Throws NOT_YOUR_GROUP unless the signed-in staff member owns the group or is in it. */
export async function requireOwnGroup(ctx: AppContext, staff: SessionStaff, chatId: string): Promise<GroupChat> {
  const { group, isOwner, isMember } = await groupForStaff(ctx, staff, chatId)
  if (!isOwner && !isMember) throw notYourGroup()
  return group
}
