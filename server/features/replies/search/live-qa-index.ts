import type { Db } from '../../../db/connect.js'
import { loadLexicon } from './lexicon.js'
import { approvedFingerprint, loadEntries, type Parsed } from './qa-entries.js'
import { QaIndex, TokenDictionary } from './qa-index.js'

/**
 * The in-process search index of one database's Q&A library, kept fresh two ways:
 * - this process approves or retires an entry → the replies service that did it calls `invalidateQaIndex()`
 *   after its transaction commits; the next search rebuilds first;
 * - other API instances on the same database → after `ttlMs` the next search first compares a
 *   fingerprint of the approved set (count, sum of ids, latest update: one small query, ~1 ms for
 *   5,000 entries) and rebuilds only when it changed, so their approvals and retirements show within seconds.
 * Concurrent searches share one refresh; a rebuild re-reads only the metadata of known entries and
 * tokenizes only new approvals. The index holds every approved entry and filters by validity per
 * search, so an entry leaving its window is never suggested even from an old index. A retirement
 * elsewhere can linger up to `ttlMs` in the index only: suggestions re-check the shown entries with
 * `isLive`, and sending (`prepareReply`) re-reads the entry and refuses it unless live.
 */
const INDEX_TTL_MS = 5_000

let generation = 0

/** This process changed which Q&A entries are live: every index rebuilds before its next search. */
export function invalidateQaIndex(): void {
  generation++
}

interface Built {
  index: QaIndex
  parsed: ReadonlyMap<number, Parsed>
  generation: number
  fingerprint: string
  checkedAt: number
  lexicon: string
}

export interface QaIndexOptions {
  ttlMs?: number
  /** Monotonic milliseconds for the TTL (not the app's movable clock). */
  clock?: () => number
}

export class LiveQaIndex {
  /** Full builds so far (for tests and diagnostics). */
  builds = 0
  private built?: Built
  private readonly dictionary = new TokenDictionary()
  private refreshing?: { generation: number; promise: Promise<QaIndex> }
  private readonly ttlMs: number
  private readonly clock: () => number

  constructor(
    private readonly db: Db,
    opts: QaIndexOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? INDEX_TTL_MS
    this.clock = opts.clock ?? (() => performance.now())
  }

  /** The index, refreshed first when this process invalidated it or it is older than the TTL. */
  async current(): Promise<QaIndex> {
    const built = this.built
    if (built && built.generation === generation && this.clock() - built.checkedAt < this.ttlMs) return built.index
    if (this.refreshing?.generation === generation) return this.refreshing.promise
    // A refresh started before the latest invalidation may have read the old library: run another after it.
    const before = this.refreshing?.promise.catch(() => undefined)
    const gen = generation
    const promise = (async () => {
      await before
      return this.refresh(gen)
    })().finally(() => {
      if (this.refreshing?.promise === promise) this.refreshing = undefined
    })
    this.refreshing = { generation: gen, promise }
    return promise
  }

  private async refresh(gen: number): Promise<QaIndex> {
    const startedAt = this.clock()
    const built = this.built
    if (built && built.generation === gen && (await approvedFingerprint(this.db)) === built.fingerprint) {
      built.checkedAt = startedAt
      return built.index
    }
    const lexicon = await loadLexicon(this.db.kysely)
    // A changed lexicon re-tokenizes every entry; otherwise only new approvals are read.
    const keep = built && built.lexicon === lexicon.fingerprint ? built.parsed : new Map<number, Parsed>()
    const { parsed, fingerprint } = await loadEntries(this.db, this.dictionary, keep, lexicon)
    this.builds++
    const index = new QaIndex(
      [...parsed.values()].map((p) => p.entry),
      this.dictionary,
      lexicon.synonyms,
    )
    this.built = { index, parsed, generation: gen, fingerprint, checkedAt: startedAt, lexicon: lexicon.fingerprint }
    return index
  }
}

const indexes = new WeakMap<Db, LiveQaIndex>()

/** The search index of `db`'s live Q&A entries (one per database per process). */
export function liveQaIndex(db: Db): Promise<QaIndex> {
  let index = indexes.get(db)
  if (!index) indexes.set(db, (index = new LiveQaIndex(db)))
  return index.current()
}
