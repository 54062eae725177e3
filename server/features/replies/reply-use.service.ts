import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { PrepareReplyBody, PreparedReply } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import { AppError, notFound } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { diffText } from '../../lib/text-diff.js'
import { appendEvent } from '../events/index.js'
import { isLive } from '../review/index.js'
import { gateOutbound, withDisclosures } from '../compliance/index.js'
import { assertOwnContact } from './contact-context.js'
import { findEscalationOfStaff } from './my-escalations.repository.js'
import { findQaRow, sendableText } from './qa.repository.js'
import { findReplyUseOfStaff, insertReplyUse, markReplyUseSent } from './reply-uses.repository.js'

type PrepareInput = z.infer<typeof PrepareReplyBody>

interface ReplySource {
  answer: string
  disclaimer: string | null
  topic: string
  qaItemId: number | null
  qaRootId: number | null
  escalationId: number | null
}

export const chatRequired = () => new AppError('CHAT_REQUIRED', 400, '请在与客户的单聊或群聊中使用')

async function loadSource(ctx: AppContext, staff: SessionStaff, input: PrepareInput): Promise<ReplySource> {
  const db = ctx.db.kysely
  if (input.qaItemId !== undefined) {
    const row = await findQaRow(db, input.qaItemId)
    // Re-read here, never taken from the suggestion: the in-process search index can lag a retirement
    // made by another API instance by a few seconds (search/live-qa-index.ts), so this is what guarantees
    // that a stale suggestion is never sent.
    if (!isLive(row, ctx.now())) throw new AppError('ANSWER_NOT_LIVE', 409, '该话术已下架或不在有效期内，不能发送')
    return {
      answer: row.answer,
      disclaimer: row.disclaimer,
      topic: row.topic,
      qaItemId: Number(row.id),
      qaRootId: Number(row.root_id ?? row.id),
      escalationId: null,
    }
  }
  const esc = await findEscalationOfStaff(db, input.escalationId!, staff.userid)
  if (!esc) throw notFound('问中台记录')
  if (esc.status !== 'answered' || !esc.answer) throw new AppError('NOT_ANSWERED', 409, '中台尚未答复该问题')
  return {
    answer: esc.answer,
    disclaimer: esc.disclaimer,
    topic: esc.topic,
    qaItemId: null,
    qaRootId: null,
    escalationId: Number(esc.id),
  }
}

/**
 * Readies an answer for sending: an edited answer is re-checked by the compliance module (blocking
 * findings → 422) and its diff kept. The sidebar sends the returned text, then calls `markReplySent`.
 */
export async function prepareReply(ctx: AppContext, staff: SessionStaff, input: PrepareInput): Promise<PreparedReply> {
  if (!input.externalUserId && !input.chatId) throw chatRequired()
  // A single chat must be the manager's own contact; a group chat id is only recorded (owning a group is WeCom's to say).
  if (input.externalUserId) await assertOwnContact(ctx, staff, input.externalUserId)
  const source = await loadSource(ctx, staff, input)
  const edited = input.text !== source.answer.trim()
  const id = randomUUID()
  // Every reply passes the gate, edited or not; the approved text may predate today's lexicon.
  const checked = await gateOutbound(
    ctx.db.kysely,
    { fields: { answer: input.text }, topic: source.topic, disclaimer: source.disclaimer },
    {
      path: 'reply.send',
      staffId: staff.id,
      refId: id,
      now: ctx.now(),
      publicBaseUrl: ctx.config.publicBaseUrl,
      blockedMessage: edited
        ? '修改后的内容未通过合规检查，请按提示修改'
        : '该话术未通过当前合规检查，暂不能发送，请联系中台',
    },
  )
  const findings = edited ? checked.findings : []
  const original = sendableText(source.answer, source.disclaimer)
  const text = source.disclaimer
    ? sendableText(input.text, source.disclaimer)
    : withDisclosures(input.text, null, checked.requiredDisclosures)
  await insertReplyUse(ctx.db.kysely, {
    id,
    staff_userid: staff.userid,
    external_userid: input.externalUserId ?? null,
    chat_id: input.chatId ?? null,
    qa_item_id: source.qaItemId,
    qa_root_id: source.qaRootId,
    escalation_id: source.escalationId,
    original_text: original,
    sent_text: text,
    edit_diff: edited ? JSON.stringify(diffText(original, text)) : null,
    findings: JSON.stringify(findings),
    created_at: ctx.now().toISOString(),
    sent_at: null,
  })
  return { id, text, edited, findings }
}

/** The sidebar reports that sendChatMessage succeeded: the use counts and `reply_used` is logged once. */
export async function markReplySent(ctx: AppContext, staff: SessionStaff, id: string): Promise<void> {
  const db = ctx.db.kysely
  const row = await findReplyUseOfStaff(db, id, staff.userid)
  if (!row) throw notFound('发送记录')
  if (row.sent_at) return
  const now = ctx.now()
  await db.transaction().execute(async (trx) => {
    await markReplyUseSent(trx, id, now.toISOString())
    await appendEvent(trx, {
      type: 'reply_used',
      staffUserid: staff.userid,
      externalUserid: row.external_userid,
      refId: row.qa_root_id !== null ? `qa:${row.qa_root_id}` : `escalation:${row.escalation_id}`,
      occurredAt: now,
      source: 'sidebar',
      dedupeKey: `reply_used:${id}`,
      payload: {
        qaItemId: row.qa_item_id,
        escalationId: row.escalation_id,
        edited: row.edit_diff !== null,
        chatId: row.chat_id,
      },
    })
  })
}
