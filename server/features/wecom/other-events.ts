import type { AppContext } from '../../lib/context.js'
import { forgetGroupChat } from './group-chat.source.js'
import type { InnerMessage } from './callback-xml.js'
import { notifyCorpTagsChanged } from './tag-change-port.js'

/**
 * Customer-group and tag events, and a failed handover. Group changes drop the cached group so the next
 * read asks groupchat/get again; tag changes refresh the corp tag catalogue (through the port the tags feature
 * plugs in); a failed handover is logged as an event of its own.
 * Returns false for an event this module does not handle.
 */
export async function applyOtherEvent(
  ctx: AppContext,
  m: InnerMessage,
  callback: { id: number; dedupeKey: string },
): Promise<boolean> {
  const now = ctx.now().toISOString()
  if (m.Event === 'change_external_chat' && m.ChatId) {
    await forgetGroupChat(ctx, m.ChatId)
  } else if (m.Event === 'change_external_contact' && m.ChangeType === 'transfer_fail') {
    await ctx.db.kysely
      .insertInto('events')
      .values({
        type: 'contact_transfer_failed',
        staff_userid: m.UserID ?? null,
        external_userid: m.ExternalUserID ?? null,
        ref_id: null,
        occurred_at: new Date(Number(m.CreateTime) * 1000).toISOString(),
        source: 'callback',
        dedupe_key: callback.dedupeKey,
        payload: JSON.stringify({ changeType: 'transfer_fail', failReason: m.FailReason ?? null }),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute()
  } else if (m.Event === 'change_external_tag') {
    await notifyCorpTagsChanged(ctx)
  } else {
    return false
  }
  await ctx.db.kysely.updateTable('wecom_callbacks').set({ processed_at: now }).where('id', '=', callback.id).execute()
  return true
}
