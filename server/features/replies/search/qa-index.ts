import type { QaTopic } from '../../../contracts/replies.js'
import { coverageBy, type Candidate } from './ranking.js'
import { synonymsOf } from './synonyms.js'
import type { SynonymLookup } from './tokenizer.js'

/** An entry that can be live (approved), as stored: tokens from the shared tokenizer, space-joined. */
export interface IndexedEntry {
  id: number
  rootId: number
  topic: QaTopic
  searchQuestion: string
  searchAnswer: string
  /** ISO instants as stored; the entry is suggested only while validFrom ≤ now < validUntil. */
  validFrom: string | null
  validUntil: string | null
}

/** An entry with its tokens as dictionary ids (the question's first, then the answer's) instead of text. */
export interface ParsedEntry extends Omit<IndexedEntry, 'searchQuestion' | 'searchAnswer'> {
  tokens: Int32Array
  questionTokens: number
}

// Answer tokens count a quarter of question tokens. k1 and b are the usual BM25 constants (FTS5's too).
const ANSWER_WEIGHT = 0.25
const K1 = 1.2
const B = 0.75

const instant = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN)

/** Token → small integer, shared by the successive indexes of one library so each entry is parsed once. */
export class TokenDictionary {
  private readonly ids = new Map<string, number>()

  get size(): number {
    return this.ids.size
  }

  idOf(token: string): number | undefined {
    return this.ids.get(token)
  }

  parse({ searchQuestion, searchAnswer, ...entry }: IndexedEntry): ParsedEntry {
    const question = searchQuestion ? searchQuestion.split(' ') : []
    const answer = searchAnswer ? searchAnswer.split(' ') : []
    const tokens = new Int32Array(question.length + answer.length)
    for (let i = 0; i < question.length; i++) tokens[i] = this.add(question[i]!)
    for (let i = 0; i < answer.length; i++) tokens[question.length + i] = this.add(answer[i]!)
    return { ...entry, tokens, questionTokens: question.length }
  }

  private add(token: string): number {
    let id = this.ids.get(token)
    if (id === undefined) this.ids.set(token, (id = this.ids.size))
    return id
  }
}

/** Where each token's run of postings starts in the flat arrays: one posting per entry holding it. */
function runStarts(entries: readonly ParsedEntry[], tokens: number): Int32Array {
  const lastDoc = new Int32Array(tokens).fill(-1)
  const start = new Int32Array(tokens + 1)
  for (let doc = 0; doc < entries.length; doc++) {
    const ids = entries[doc]!.tokens
    for (let i = 0; i < ids.length; i++) {
      if (lastDoc[ids[i]!] === doc) continue
      lastDoc[ids[i]!] = doc
      start[ids[i]! + 1]!++
    }
  }
  for (let id = 0; id < tokens; id++) start[id + 1]! += start[id]!
  return start
}

function inverseFrequencies(start: Int32Array, entries: number): Float64Array {
  return Float64Array.from({ length: start.length - 1 }, (_, id) => {
    const n = start[id + 1]! - start[id]!
    return Math.log(1 + (entries - n + 0.5) / (n + 0.5))
  })
}

/** Each run's entries with BM25's term-frequency part of their weighted frequency f (1 per question token, ¼ per answer token). */
function fillRuns(entries: readonly ParsedEntry[], start: Int32Array): [Int32Array, Float32Array] {
  const tokens = start.length - 1
  const docs = new Int32Array(start[tokens]!)
  const impact = new Float32Array(start[tokens]!)
  const next = start.slice(0, tokens)
  const lastDoc = new Int32Array(tokens).fill(-1)
  const slot = new Int32Array(tokens)
  const freq = new Float64Array(tokens)
  const avgdl = entries.reduce((sum, e) => sum + e.tokens.length, 0) / (entries.length || 1) || 1
  for (let doc = 0; doc < entries.length; doc++) {
    const { tokens: ids, questionTokens } = entries[doc]!
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc
        slot[id] = next[id]!++
        docs[slot[id]!] = doc
        freq[id] = 0
      }
      freq[id]! += i < questionTokens ? 1 : ANSWER_WEIGHT
    }
    const norm = K1 * (1 - B + (B * ids.length) / avgdl)
    for (let i = 0; i < ids.length; i++) impact[slot[ids[i]!]!] = (freq[ids[i]!]! * (K1 + 1)) / (freq[ids[i]!]! + norm)
  }
  return [docs, impact]
}

/**
 * BM25 over the Q&A entries, in memory. A document is an entry's question tokens (weight 1) and answer
 * tokens (weight ¼); like FTS5's bm25() the weighted frequencies are summed before saturation and the
 * length is the token count of both fields. IDF is Lucene's log(1 + (N − n + ½)/(n + ½)), which stays
 * positive for a word most entries share (FTS5 clamps it to 1e-6, flattening a small library).
 * Immutable once built; validity is checked per search, so an entry leaving its window drops out
 * without a rebuild. Postings sit in two flat typed arrays, one run per token (compressed sparse rows):
 * 8 bytes per (entry, token) pair and nothing for the garbage collector to walk.
 */
export class QaIndex {
  readonly size: number
  private readonly entries: readonly ParsedEntry[]
  private readonly dictionary: TokenDictionary
  private readonly validFrom: Float64Array
  private readonly validUntil: Float64Array
  private readonly idf: Float64Array
  /** Token id t's postings are docs/impact[start[t] … start[t + 1]). */
  private readonly start: Int32Array
  private readonly docs: Int32Array
  /** Per posting, BM25's term-frequency part: f·(k1+1) / (f + k1·(1 − b + b·|D|/avgdl)). */
  private readonly impact: Float32Array

  constructor(
    entries: readonly ParsedEntry[],
    dictionary: TokenDictionary,
    /** The synonyms the entries were indexed with; queries must expand with the same. */
    readonly synonyms: SynonymLookup = synonymsOf,
  ) {
    this.entries = entries
    this.dictionary = dictionary
    this.size = entries.length
    this.validFrom = Float64Array.from(entries, (e) => instant(e.validFrom))
    this.validUntil = Float64Array.from(entries, (e) => instant(e.validUntil))
    this.start = runStarts(entries, dictionary.size)
    this.idf = inverseFrequencies(this.start, entries.length)
    const [docs, impact] = fillRuns(entries, this.start)
    this.docs = docs
    this.impact = impact
  }

  /**
   * The `limit` best entries live at `now` holding any word of the query's `terms` (searchTerms: each a
   * word and its synonyms), best first (ties: lower id first), each with its coverage of the terms.
   */
  search(terms: readonly (readonly string[])[], now: Date, limit: number): Candidate[] {
    // Words added to the shared dictionary after this index was built have no postings here.
    const known = (word: string) => {
      const id = this.dictionary.idOf(word)
      return id !== undefined && id < this.idf.length ? id : -1
    }
    const termIds = terms.map((term) => term.map(known))
    const scores = this.scores(new Set(termIds.flat()))
    const best = this.best(scores, now.getTime(), limit)
    const marks = new Uint8Array(this.idf.length)
    return best.map((doc) => {
      const { id, rootId, topic, tokens, questionTokens } = this.entries[doc]!
      // Mark where the entry holds each token (2 question, 1 answer only), answer first so the question wins.
      for (let i = tokens.length - 1; i >= 0; i--) marks[tokens[i]!] = i < questionTokens ? 2 : 1
      const coverage = coverageBy(termIds, (word) => (word < 0 ? 0 : marks[word]! / 2))
      for (const t of tokens) marks[t] = 0
      return { id, rootId, topic, relevance: scores[doc]!, coverage }
    })
  }

  /** BM25 of every entry holding any of the token ids (0 for the others). */
  private scores(ids: ReadonlySet<number>): Float64Array {
    const scores = new Float64Array(this.size)
    for (const id of ids) {
      if (id < 0) continue
      const idf = this.idf[id]!
      for (let i = this.start[id]!, end = this.start[id + 1]!; i < end; i++)
        scores[this.docs[i]!]! += idf * this.impact[i]!
    }
    return scores
  }

  /** The `limit` entries with the highest score among those live at `at`, best first. */
  private best(scores: Float64Array, at: number, limit: number): number[] {
    const best: number[] = []
    if (limit <= 0) return best
    const better = (a: number, b: number) =>
      scores[a]! > scores[b]! || (scores[a] === scores[b] && this.entries[a]!.id < this.entries[b]!.id)
    for (let doc = 0; doc < this.size; doc++) {
      if (scores[doc] === 0 || !(this.validFrom[doc]! <= at && at < this.validUntil[doc]!)) continue
      if (best.length === limit && !better(doc, best[limit - 1]!)) continue
      // Insertion into the short sorted list of the best so far: limit is small next to the matches.
      let i = Math.min(best.length, limit - 1)
      for (; i > 0 && better(doc, best[i - 1]!); i--) best[i] = best[i - 1]!
      best[i] = doc
    }
    return best
  }
}
