import type { z } from 'zod'
import type { CreateEscalationBody, MyEscalation } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { appendEvent } from '../events/index.js'
import { contactReplyContext } from './contact-context.js'
import { findEscalation, toMyEscalations } from './escalations.repository.js'
import { insertEscalation, listMyEscalationRows } from './my-escalations.repository.js'
import { chatRequired } from './reply-use.service.js'
import { slaDueAt, slaHoursFor } from './sla.js'

const ANSWERED_SHOWN_FOR_MS = 7 * 86_400_000

/** 问中台: stores the question with the contact's non-sensitive context and starts the SLA clock. */
export async function createEscalation(
  ctx: AppContext,
  staff: SessionStaff,
  input: z.infer<typeof CreateEscalationBody>,
): Promise<MyEscalation> {
  if (!input.externalUserId && !input.chatId) throw chatRequired()
  const context = input.externalUserId ? await contactReplyContext(ctx, staff, input.externalUserId) : null
  const now = ctx.now()
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const escalationId = await insertEscalation(trx, {
      staff_userid: staff.userid,
      external_userid: input.externalUserId ?? null,
      chat_id: input.chatId ?? null,
      question: input.question,
      topic: input.topic,
      urgency: input.urgency,
      context: context ? JSON.stringify(context) : '{}',
      note: input.note,
      status: 'open',
      created_at: now.toISOString(),
      sla_due_at: slaDueAt(now, slaHoursFor(input.urgency)).toISOString(),
      claimed_by: null,
      claimed_at: null,
      answer: null,
      disclaimer: null,
      answered_by: null,
      answered_at: null,
      promoted_qa_id: null,
    })
    await appendEvent(trx, {
      type: 'escalation_created',
      staffUserid: staff.userid,
      externalUserid: input.externalUserId ?? null,
      refId: `escalation:${escalationId}`,
      occurredAt: now,
      source: 'sidebar',
      dedupeKey: `escalation_created:${escalationId}`,
      payload: { topic: input.topic, urgency: input.urgency },
    })
    return escalationId
  })
  const [created] = await toMyEscalations(ctx.db.kysely, [await findEscalation(ctx.db.kysely, id)])
  return created!
}

/**
 * The manager's own questions for the tab (polled until answers arrive): all open ones, and answers of
 * the last 7 days; with a contact, only that contact's.
 */
export async function listMyEscalations(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId?: string,
): Promise<MyEscalation[]> {
  const since = new Date(ctx.now().getTime() - ANSWERED_SHOWN_FOR_MS).toISOString()
  const rows = await listMyEscalationRows(ctx.db.kysely, staff.userid, since, externalUserId)
  return toMyEscalations(ctx.db.kysely, rows)
}
