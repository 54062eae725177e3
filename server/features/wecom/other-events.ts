import type { AppContext } from '../../lib/context.js'
import { appendEvent } from '../events/index.js'
import { markCallbackProcessed } from './callback.repository.js'
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
    await appendEvent(ctx.db.kysely, {
      type: 'contact_transfer_failed',
      staffUserid: m.UserID ?? null,
      externalUserid: m.ExternalUserID ?? null,
      refId: null,
      occurredAt: new Date(Number(m.CreateTime) * 1000),
      source: 'callback',
      dedupeKey: callback.dedupeKey,
      payload: { changeType: 'transfer_fail', failReason: m.FailReason ?? null },
    })
  } else if (m.Event === 'change_external_tag') {
    await notifyCorpTagsChanged(ctx)
  } else {
    return false
  }
  await markCallbackProcessed(ctx.db.kysely, callback.id, now)
  return true
}
