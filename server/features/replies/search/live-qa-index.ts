import type { Db } from '../../../db/connect.js'
import { loadLexicon, lexiconFingerprint, type Lexicon } from './lexicon.js'
import { QaIndex, TokenDictionary, type ParsedEntry } from './qa-index.js'
import { searchTokens } from './tokenizer.js'

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

const fingerprintOf = (count: unknown, idSum: unknown, latest: string | null) =>
  `${Number(count)}:${Number(idSum ?? 0)}:${latest ?? ''}`

async function approvedFingerprint(db: Db): Promise<string> {
  const row = await db.kysely
    .selectFrom('qa_items')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('id').as('ids'), eb.fn.max('updated_at').as('latest')])
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow()
  return `${fingerprintOf(row.n, row.ids, row.latest)}|${await lexiconFingerprint(db.kysely)}`
}

interface Parsed {
  updatedAt: string
  entry: ParsedEntry
}

const TEXT_BATCH = 500

/**
 * The approved entries, reusing the parsed tokens of those already indexed: an approved row's text
 * never changes (an edit is a new version), so only new approvals are read in full and tokenized, a
 * batch per query so that a first load of thousands does not hold the event loop long.
 */
async function loadEntries(
  db: Db,
  dictionary: TokenDictionary,
  previous: ReadonlyMap<number, Parsed>,
  lexicon: Lexicon,
) {
  const rows = await db.kysely
    .selectFrom('qa_items')
    .select(['id', 'root_id', 'topic', 'valid_from', 'valid_until', 'updated_at'])
    .where('status', '=', 'approved')
    .execute()
  const metaOf = (r: (typeof rows)[number]) => ({
    id: Number(r.id),
    rootId: Number(r.root_id ?? r.id),
    topic: r.topic,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  })
  const parsed = new Map<number, Parsed>()
  const unread: typeof rows = []
  for (const r of rows) {
    const kept = previous.get(Number(r.id))
    if (kept?.updatedAt === r.updated_at)
      parsed.set(Number(r.id), { updatedAt: r.updated_at, entry: { ...kept.entry, ...metaOf(r) } })
    else unread.push(r)
  }
  for (let i = 0; i < unread.length; i += TEXT_BATCH) {
    const batch = unread.slice(i, i + TEXT_BATCH)
    const texts = await db.kysely
      .selectFrom('qa_items')
      .select(['id', 'question', 'alternatives', 'tags', 'answer'])
      .where(
        'id',
        'in',
        batch.map((r) => Number(r.id)),
      )
      .execute()
    const textById = new Map(texts.map((t) => [Number(t.id), t]))
    for (const r of batch) {
      const text = textById.get(Number(r.id))
      if (text)
        parsed.set(Number(r.id), {
          updatedAt: r.updated_at,
          // Tokenized here, not read from search_question: the console's lexicon may have changed since.
          entry: dictionary.parse({
            ...metaOf(r),
            searchQuestion: tokensOf(
              lexicon,
              text.question,
              ...(JSON.parse(text.alternatives) as string[]),
              ...(JSON.parse(text.tags) as string[]),
            ),
            searchAnswer: tokensOf(lexicon, text.answer),
          }),
        })
    }
  }
  const latest = rows.reduce<string | null>((max, r) => (max === null || r.updated_at > max ? r.updated_at : max), null)
  return {
    parsed,
    fingerprint: `${fingerprintOf(
      rows.length,
      rows.reduce((sum, r) => sum + Number(r.id), 0),
      latest,
    )}|${lexicon.fingerprint}`,
  }
}

const tokensOf = (lexicon: Lexicon, ...texts: string[]) => searchTokens(texts.join('\n'), lexicon.synonyms).join(' ')

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
