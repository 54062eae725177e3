import type { z } from 'zod'
import type { AnswerBody, InboxEscalation, PromoteBody, QaItem } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { appendEvent } from '../events/index.js'
import { gateOutbound } from '../compliance/index.js'
import {
  answerIfUnanswered,
  claimIfUnclaimed,
  findEscalation,
  linkPromotedQa,
  listAnswered,
  listUnanswered,
  toInboxEscalations,
  type EscalationRow,
} from './escalations.repository.js'
import { insertQaDraft } from './qa-library.service.js'
import { findQaRow, toQaItems } from './qa.repository.js'

const ANSWERED_LIMIT = 100

/** Open questions most urgent and most overdue first; answered ones newest first. */
export async function listInbox(ctx: AppContext, status: 'open' | 'answered' | 'all'): Promise<InboxEscalation[]> {
  const db = ctx.db.kysely
  const pending = status === 'answered' ? [] : await listUnanswered(db)
  const answered = status === 'open' ? [] : await listAnswered(db, ANSWERED_LIMIT)
  return toInboxEscalations(db, [...pending, ...answered], ctx.now())
}

async function refreshed(ctx: AppContext, id: number): Promise<InboxEscalation> {
  const [item] = await toInboxEscalations(ctx.db.kysely, [await findEscalation(ctx.db.kysely, id)], ctx.now())
  return item!
}

function expectUnanswered(row: EscalationRow, staff: SessionStaff): void {
  if (row.status === 'answered') throw new AppError('ALREADY_ANSWERED', 409, '该问题已经答复')
  if (row.claimed_by && row.claimed_by !== staff.id)
    throw new AppError('CLAIMED_BY_OTHER', 409, '该问题已被其他同事认领')
}

/** Takes a question so colleagues see it is being handled; claiming one's own claim again is a no-op. */
export async function claimEscalation(ctx: AppContext, staff: SessionStaff, id: number): Promise<InboxEscalation> {
  const row = await findEscalation(ctx.db.kysely, id)
  expectUnanswered(row, staff)
  if (row.claimed_by !== staff.id) {
    if (!(await claimIfUnclaimed(ctx.db.kysely, id, staff.id, ctx.now())))
      throw new AppError('CLAIMED_BY_OTHER', 409, '该问题已被其他同事认领')
  }
  return refreshed(ctx, id)
}

/** Answers with the same compliance checks as the library; the manager's tab picks it up by polling. */
export async function answerEscalation(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  input: z.infer<typeof AnswerBody>,
): Promise<InboxEscalation> {
  const db = ctx.db.kysely
  const row = await findEscalation(db, id)
  expectUnanswered(row, staff)
  const now = ctx.now()
  await gateOutbound(
    db,
    { fields: { answer: input.answer }, topic: row.topic, disclaimer: input.disclaimer },
    {
      path: 'escalation.answer',
      staffId: staff.id,
      refId: String(id),
      now,
      publicBaseUrl: ctx.config.publicBaseUrl,
      blockedMessage: '答复未通过合规检查，请按提示修改',
    },
  )
  await db.transaction().execute(async (trx) => {
    const answered = await answerIfUnanswered(trx, id, {
      status: 'answered',
      answer: input.answer,
      disclaimer: input.disclaimer,
      answered_by: staff.id,
      answered_at: now.toISOString(),
      claimed_by: staff.id,
      claimed_at: row.claimed_at ?? now.toISOString(),
    })
    if (!answered) throw new AppError('ALREADY_ANSWERED', 409, '该问题已经答复')
    await appendEvent(trx, {
      type: 'escalation_answered',
      staffUserid: staff.userid,
      externalUserid: row.external_userid,
      refId: `escalation:${id}`,
      occurredAt: now,
      source: 'console',
      dedupeKey: `escalation_answered:${id}`,
      payload: {
        askedBy: row.staff_userid,
        topic: row.topic,
        minutesToAnswer: Math.round((now.getTime() - Date.parse(row.created_at)) / 60_000),
        slaBreached: now.toISOString() > row.sla_due_at,
      },
    })
  })
  return refreshed(ctx, id)
}

/** One click from an answer to a Q&A draft (question, answer, 风险提示, topic), which then goes through review. */
export async function promoteEscalation(
  ctx: AppContext,
  staff: SessionStaff,
  id: number,
  input: z.infer<typeof PromoteBody>,
): Promise<QaItem> {
  const db = ctx.db.kysely
  const row = await findEscalation(db, id)
  if (row.status !== 'answered' || !row.answer) throw new AppError('NOT_ANSWERED', 409, '请先答复，再加入话术库')
  if (row.promoted_qa_id !== null)
    throw new AppError('ALREADY_PROMOTED', 409, '该答复已加入话术库', { qaItemId: Number(row.promoted_qa_id) })
  const now = ctx.now()
  const qaId = await db.transaction().execute(async (trx) => {
    const draft = {
      question: input.question ?? row.question,
      alternatives: input.alternatives,
      answer: row.answer!,
      disclaimer: row.disclaimer,
      topic: row.topic,
      tags: input.tags,
    }
    const newId = await insertQaDraft(trx, draft, staff.id, now, id)
    if (!(await linkPromotedQa(trx, id, newId))) throw new AppError('ALREADY_PROMOTED', 409, '该答复已加入话术库')
    return newId
  })
  const [item] = await toQaItems(db, [await findQaRow(db, qaId)], now)
  return item!
}
