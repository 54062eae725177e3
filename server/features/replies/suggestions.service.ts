import { TOPIC_LABELS, type ContactReplyContext, type ReplySuggestion } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { contactReplyContext } from './contact-context.js'
import { rankCandidates } from './search/ranking.js'
import { searchLiveQa } from './search/qa-search.js'
import { searchTerms } from './search/tokenizer.js'
import { usageByRoot } from './search/usage-stats.js'

const CANDIDATES = 30
const SHOWN = 5
const USAGE_WINDOW_MS = 180 * 86_400_000

/** Approved, in-window answers for a customer's question, best first; empty when nothing fits. */
export async function suggestReplies(ctx: AppContext, question: string, context: Pick<ContactReplyContext, 'topics'>): Promise<ReplySuggestion[]> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const terms = searchTerms(question)
  const hits = await searchLiveQa(ctx.db, [...new Set(terms.flat())], now, CANDIDATES)
  if (hits.length === 0) return []
  const rows = await db.selectFrom('qa_items').selectAll().where('id', 'in', hits.map((h) => h.id)).execute()
  const byId = new Map(rows.map((r) => [Number(r.id), r]))
  const candidates = hits.flatMap((h) => {
    const r = byId.get(h.id)
    return r ? [{ id: h.id, rootId: Number(r.root_id ?? r.id), topic: r.topic, searchQuestion: r.search_question, searchAnswer: r.search_answer, relevance: h.relevance }] : []
  })
  const usage = await usageByRoot(db, candidates.map((c) => c.rootId), new Date(now.getTime() - USAGE_WINDOW_MS))
  return rankCandidates(terms, candidates, { topics: context.topics, usage, topicLabels: TOPIC_LABELS })
    .slice(0, SHOWN)
    .map((ranked) => {
      const r = byId.get(ranked.id)!
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

/** Suggestions for the sidebar: in a single chat, ranked with the contact's own context. */
export async function suggestForChat(ctx: AppContext, staff: SessionStaff, q: string, externalUserId: string | undefined): Promise<ReplySuggestion[]> {
  const context = externalUserId ? await contactReplyContext(ctx, staff, externalUserId) : { topics: [] }
  return suggestReplies(ctx, q, context)
}
