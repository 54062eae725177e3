import { TOPIC_LABELS, type ContactReplyContext, type QaTopic, type ReplySuggestion } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { isLive } from '../review/index.js'
import { contactReplyContext } from './contact-context.js'
import { recordMiss } from './learning.service.js'
import { liveQaIndex } from './search/live-qa-index.js'
import { listQaSuggestionTexts } from './search/qa-search.repository.js'
import { guessTopic, isConfident } from './search/intent.js'
import { rankCandidates } from './search/ranking.js'
import { searchTerms } from './search/tokenizer.js'
import { usageByRoot } from './search/usage-stats.js'

const CANDIDATES = 30
const SHOWN = 5
const USAGE_WINDOW_MS = 180 * 86_400_000

/** Approved, in-window answers for a customer's question, best first; empty when nothing fits. */
export async function suggestReplies(
  ctx: AppContext,
  question: string,
  context: Pick<ContactReplyContext, 'topics'>,
): Promise<ReplySuggestion[]> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const index = await liveQaIndex(ctx.db)
  const candidates = index.search(searchTerms(question, index.synonyms), now, CANDIDATES)
  if (!isConfident(candidates[0])) return []
  const usage = await usageByRoot(
    db,
    candidates.map((c) => c.rootId),
    new Date(now.getTime() - USAGE_WINDOW_MS),
  )
  const shown = rankCandidates(candidates, { topics: context.topics, usage, topicLabels: TOPIC_LABELS }).slice(0, SHOWN)
  if (shown.length === 0) return []
  const texts = await listQaSuggestionTexts(
    db,
    shown.map((r) => r.id),
  )
  // Re-checked live here (in JS: a liveSql filter made SQLite scan the status index instead of the ids):
  // the index may be a few seconds behind another instance's retirement.
  const textById = new Map(texts.filter((r) => isLive(r, now)).map((r) => [Number(r.id), r]))
  return shown
    .filter((ranked) => textById.has(ranked.id))
    .map((ranked) => {
      const r = textById.get(ranked.id)!
      return {
        id: ranked.id,
        question: r.question,
        answer: r.answer,
        disclaimer: r.disclaimer,
        topic: r.topic,
        tags: JSON.parse(r.tags) as string[],
        approvalNo: r.approval_no,
        validUntil: r.valid_until,
        score: Math.round(ranked.score * 100) / 100,
        reasons: ranked.reasons,
      }
    })
}

/** The topic 问中台 pre-selects for a question (what it asks about, not what the customer holds). */
export async function guessQuestionTopic(ctx: AppContext, question: string): Promise<QaTopic> {
  const index = await liveQaIndex(ctx.db)
  const candidates = index.search(searchTerms(question, index.synonyms), ctx.now(), 1)
  return guessTopic(question, candidates)
}

/** Suggestions for the sidebar: in a single chat, ranked with the contact's own context. */
export async function suggestForChat(
  ctx: AppContext,
  staff: SessionStaff,
  q: string,
  externalUserId: string | undefined,
): Promise<ReplySuggestion[]> {
  const context = externalUserId ? await contactReplyContext(ctx, staff, externalUserId) : { topics: [] }
  const suggestions = await suggestReplies(ctx, q, context)
  if (suggestions.length === 0) await recordMiss(ctx, staff, q)
  return suggestions
}
