import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { deleteKv, readKv, writeKv } from '../../lib/kv.repository.js'
import { getWecomClient } from './wecom-client.js'
import { WecomApiError } from './wecom-errors.js'
import { wecomUnavailable } from './wecom-failures.js'
import { GroupChatReply, type GroupChat } from './wecom-schemas.js'

/**
 * Group details are cached for a minute in `kv`: managers reopen the group sidebar often and every
 * open would otherwise cost a groupchat/get call against the corp-wide per-API quota.
 */
export const GROUP_CACHE_MS = 60_000
/** WeCom's errcode for an unknown chat_id ("chatid不存在"). */
const CHAT_NOT_FOUND = 40050

const cacheKey = (chatId: string) => `groups:chat:${chatId}`

async function readCache(ctx: AppContext, chatId: string): Promise<GroupChat | undefined> {
  const row = await readKv(ctx.db.kysely, cacheKey(chatId))
  if (!row || row.expires_at == null || Number(row.expires_at) <= ctx.now().getTime()) return undefined
  try {
    const parsed = GroupChatReply.shape.group_chat.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

async function writeCache(ctx: AppContext, group: GroupChat): Promise<void> {
  const value = JSON.stringify(group)
  const expiresAt = ctx.now().getTime() + GROUP_CACHE_MS
  await writeKv(ctx.db.kysely, cacheKey(group.chat_id), value, expiresAt)
}

/** A change_external_chat callback: the next read asks WeCom again. */
export async function forgetGroupChat(ctx: AppContext, chatId: string): Promise<void> {
  await deleteKv(ctx.db.kysely, cacheKey(chatId))
}

/** The group as WeCom reports it: 404 for an unknown chat, 502/503 when WeCom fails. */
export async function loadGroupChat(ctx: AppContext, chatId: string): Promise<GroupChat> {
  const cached = await readCache(ctx, chatId)
  if (cached) return cached
  let group: GroupChat
  try {
    group = await getWecomClient(ctx).getGroupChat(chatId)
  } catch (err) {
    if (err instanceof WecomApiError && err.errcode === CHAT_NOT_FOUND)
      throw new AppError('GROUP_NOT_FOUND', 404, '该客户群不存在或已解散')
    throw wecomUnavailable(ctx, err, 'groupchat/get')
  }
  await writeCache(ctx, group)
  return group
}
