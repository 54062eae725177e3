import type { z } from 'zod'
import type { ReplyFeedbackBody, UnansweredQuestion } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { maskQuestion, questionKey } from './question-masking.js'
import {
  insertFeedback,
  insertMiss,
  missesSince,
  qaItemExists,
  unansweredEscalationsSince,
} from './learning.repository.js'

const WINDOW_MS = 90 * 86_400_000
const LIST_LIMIT = 100
// A debounced search fires while the manager is still typing: fragments this short are not questions.
const MIN_QUESTION_CHARS = 5

/** Records a question the library had no confident answer for (masked; fragments skipped). */
export async function recordMiss(ctx: AppContext, staff: SessionStaff, question: string): Promise<void> {
  if ([...question.trim()].length < MIN_QUESTION_CHARS) return
  await insertMiss(ctx.db.kysely, {
    question: maskQuestion(question.trim()),
    staff_userid: staff.userid,
    created_at: ctx.now().toISOString(),
  })
}

/** A manager's 有用/没用 on a suggestion shown for a question. */
export async function recordFeedback(
  ctx: AppContext,
  staff: SessionStaff,
  input: z.infer<typeof ReplyFeedbackBody>,
): Promise<void> {
  if (!(await qaItemExists(ctx.db.kysely, input.qaItemId))) throw new AppError('NOT_FOUND', 404, '话术条目不存在')
  await insertFeedback(ctx.db.kysely, {
    qa_item_id: input.qaItemId,
    staff_userid: staff.userid,
    helpful: input.helpful ? 1 : 0,
    question: maskQuestion(input.question),
    created_at: ctx.now().toISOString(),
  })
}

/**
 * Questions without an answer in the last 90 days, most asked first: searches with no confident
 * suggestion and 问中台 questions not yet answered, customer details masked.
 */
export async function listUnanswered(ctx: AppContext): Promise<UnansweredQuestion[]> {
  const since = new Date(ctx.now().getTime() - WINDOW_MS).toISOString()
  const db = ctx.db.kysely
  const misses = await missesSince(db, since)
  const open = await unansweredEscalationsSince(db, since)
  const groups = new Map<string, UnansweredQuestion>()
  const add = (question: string, at: string, source: UnansweredQuestion['source']) => {
    const masked = maskQuestion(question)
    const key = `${source}:${questionKey(masked)}`
    const g = groups.get(key)
    if (!g) groups.set(key, { question: masked, count: 1, lastAskedAt: at, source })
    else {
      g.count++
      if (at > g.lastAskedAt) g.lastAskedAt = at
    }
  }
  for (const m of misses) add(m.question, m.created_at, 'no-result')
  for (const e of open) add(e.question, e.created_at, 'escalation')
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
    .slice(0, LIST_LIMIT)
}
