import type { QaTopic } from '../../../contracts/replies.js'
import type { UsageStats } from './usage-stats.js'

export interface Candidate {
  id: number
  rootId: number
  topic: QaTopic
  /** BM25 over the entry's search tokens (search/qa-index.ts); higher is better. */
  relevance: number
  /** Share of the query's terms the entry holds (`coverageBy`). */
  coverage: number
}

export interface Ranked {
  id: number
  score: number
  reasons: string[]
}

export interface RankingSignals {
  /** Topics the contact's profile points to (empty in group chats or before verification). */
  topics: readonly QaTopic[]
  usage: Map<number, UsageStats>
  topicLabels: Record<QaTopic, string>
}

/** Below this share of the question's terms an entry is not shown: better 问中台 than a wrong answer. */
export const MIN_COVERAGE = 0.25
const TOPIC_BOOST = 0.15
const MAX_USAGE_BOOST = 0.15
// The question decides: boosts apply only to topics whose best match is this close to the overall best
// (a near tie the question cannot settle) and only to entries this close to the best entry.
const CLOSE_TOPIC = 0.95
const CLOSE_ENTRY = 0.8

/**
 * Share of the query's terms an entry contains: 1 per term with a word among its question tokens, ½ per
 * term found only in its answer. `weightOf(word)` says where the entry holds a word: 1 (question), ½
 * (answer only) or 0; words are token strings or the index's token ids. The same number on both databases.
 */
export function coverageBy<T>(terms: readonly (readonly T[])[], weightOf: (word: T) => number): number {
  if (terms.length === 0) return 0
  let sum = 0
  for (const term of terms) {
    let best = 0
    for (const word of term) {
      best = Math.max(best, weightOf(word))
      if (best === 1) break
    }
    sum += best
  }
  return sum / terms.length
}

/** `coverageBy` over an entry's stored token strings. */
export function coverage(terms: readonly (readonly string[])[], searchQuestion: string, searchAnswer: string): number {
  const q = new Set(searchQuestion.split(' '))
  const a = new Set(searchAnswer.split(' '))
  return coverageBy(terms, (word) => (q.has(word) ? 1 : a.has(word) ? 0.5 : 0))
}

function usageBoost(u: UsageStats | undefined): number {
  if (!u) return 0
  return Math.min(MAX_USAGE_BOOST, 0.02 * Math.log1p(u.uses) + 0.05 * Math.log1p(u.followedByInquiry))
}

/**
 * Final order: relevance (BM25 scaled to the best candidate, averaged with coverage), then multiplied up by
 * topic fit and past use — but only for close candidates of the asked topic (or of a topic tied with it), so
 * the customer's holdings never lift another topic's answer over the one asked about.
 */
export function rankCandidates(candidates: readonly Candidate[], signals: RankingSignals): Ranked[] {
  const best = Math.max(0, ...candidates.map((c) => c.relevance))
  const scored = candidates
    .filter((c) => c.coverage >= MIN_COVERAGE)
    .map((c) => ({ c, relevance: 0.5 * (best > 0 ? c.relevance / best : 0) + 0.5 * c.coverage }))
  const top = Math.max(0, ...scored.map((s) => s.relevance))
  const bestOfTopic = new Map<QaTopic, number>()
  for (const s of scored) bestOfTopic.set(s.c.topic, Math.max(bestOfTopic.get(s.c.topic) ?? 0, s.relevance))
  const out: Ranked[] = []
  for (const { c, relevance } of scored) {
    const boostable = bestOfTopic.get(c.topic)! >= CLOSE_TOPIC * top && relevance >= CLOSE_ENTRY * top
    const reasons: string[] = []
    let boost = 0
    if (signals.topics.includes(c.topic)) {
      if (boostable) boost += TOPIC_BOOST
      reasons.push(`契合客户情况：${signals.topicLabels[c.topic]}`)
    }
    const usage = signals.usage.get(c.rootId)
    if (boostable) boost += usageBoost(usage)
    if (usage?.uses) reasons.push(`近 180 天发送 ${usage.uses} 次`)
    if (usage?.followedByInquiry) reasons.push(`${usage.followedByInquiry} 次发送后客户来咨询`)
    out.push({ id: c.id, score: relevance * (1 + boost), reasons })
  }
  return out.sort((x, y) => y.score - x.score || x.id - y.id).map((r) => ({ ...r, score: Math.min(1, r.score) }))
}
