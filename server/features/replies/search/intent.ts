import type { QaTopic } from '../../../contracts/replies.js'
import { normalizeText } from './tokenizer.js'
import type { Candidate } from './ranking.js'

/**
 * Whether the best match is good enough to show. Calibrated on the tuning half of tests/eval: out-of-library
 * questions reach coverage 0.40 but only with a weak BM25 (≤ 15); most answered ones below that have BM25 ≥ 16.
 * Below this the sidebar offers 问中台 instead — a wrong answer a busy manager may send is worse than none.
 */
const MIN_COVERAGE = 0.42
const WEAK_COVERAGE = 0.15
const STRONG_RELEVANCE = 16

export function isConfident(best: Candidate | undefined): boolean {
  if (!best) return false
  return best.coverage >= MIN_COVERAGE || (best.coverage >= WEAK_COVERAGE && best.relevance >= STRONG_RELEVANCE)
}

// Product words name the topic outright; checked before the library's closest match, which may be off-topic.
const TOPIC_WORDS: readonly [QaTopic, readonly string[]][] = [
  [
    'fx',
    ['留学', '购汇', '结汇', '换汇', '外汇', '美元', '美金', '汇款', '外币', '日元', '欧元', '英镑', '港币', '学费'],
  ],
  ['gold', ['黄金', '金条', '积存金', '金价', '金币']],
  ['fund', ['基金', '定投', 'qdii', '净值']],
  ['insurance', ['保险', '保单', '理赔', '退保', '重疾', '医疗险', '意外险', '年金', '保费']],
  ['wealth', ['理财', '风险测评', '风评']],
  ['loan', ['贷款', '房贷', '车贷', '月供', '借钱', '征信', '按揭', '公积金贷']],
  ['deposit', ['存款', '定期', '存单', '大额存单', '活期', '利息']],
]

/** The topic 问中台 pre-selects: a product word in the question, else the closest match's topic, else 综合. */
export function guessTopic(question: string, candidates: readonly Candidate[]): QaTopic {
  const text = normalizeText(question)
  for (const [topic, words] of TOPIC_WORDS) if (words.some((w) => text.includes(w))) return topic
  return candidates[0]?.topic ?? 'general'
}
