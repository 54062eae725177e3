import type { QaTopic } from '../../../contracts/replies.js'
import type { UsageStats } from './usage-stats.js'

export interface Candidate {
  id: number
  rootId: number
  topic: QaTopic
  searchQuestion: string
  searchAnswer: string
  relevance: number
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

/**
 * Share of the query's terms an entry contains: 1 per term found among its question tokens, ½ per
 * term found only in its answer. Unlike the engines' own scores this is the same number on both databases.
 */
export function coverage(terms: readonly (readonly string[])[], searchQuestion: string, searchAnswer: string): number {
  if (terms.length === 0) return 0
  const q = new Set(searchQuestion.split(' '))
  const a = new Set(searchAnswer.split(' '))
  let sum = 0
  for (const term of terms) {
    if (term.some((t) => q.has(t))) sum += 1
    else if (term.some((t) => a.has(t))) sum += 0.5
  }
  return sum / terms.length
}

function usageBoost(u: UsageStats | undefined): number {
  if (!u) return 0
  return Math.min(MAX_USAGE_BOOST, 0.02 * Math.log1p(u.uses) + 0.05 * Math.log1p(u.followedByInquiry))
}

/**
 * Final order: relevance (the engine's score scaled to the best hit, averaged with coverage), then
 * multiplied up by topic fit and past use. Boosts only reorder close matches; they never lift an
 * entry over the coverage floor.
 */
export function rankCandidates(terms: readonly (readonly string[])[], candidates: readonly Candidate[], signals: RankingSignals): Ranked[] {
  const best = Math.max(0, ...candidates.map((c) => c.relevance))
  const out: Ranked[] = []
  for (const c of candidates) {
    const cov = coverage(terms, c.searchQuestion, c.searchAnswer)
    if (cov < MIN_COVERAGE) continue
    const relevance = 0.5 * (best > 0 ? c.relevance / best : 0) + 0.5 * cov
    const reasons: string[] = []
    let boost = 0
    if (signals.topics.includes(c.topic)) {
      boost += TOPIC_BOOST
      reasons.push(`契合客户情况：${signals.topicLabels[c.topic]}`)
    }
    const usage = signals.usage.get(c.rootId)
    boost += usageBoost(usage)
    if (usage?.uses) reasons.push(`近 180 天发送 ${usage.uses} 次`)
    if (usage?.followedByInquiry) reasons.push(`${usage.followedByInquiry} 次发送后客户来咨询`)
    out.push({ id: c.id, score: relevance * (1 + boost), reasons })
  }
  return out.sort((x, y) => y.score - x.score || x.id - y.id).map((r) => ({ ...r, score: Math.min(1, r.score) }))
}
