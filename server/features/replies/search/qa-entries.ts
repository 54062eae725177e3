import type { Db } from '../../../db/connect.js'
import { lexiconFingerprint, type Lexicon } from './lexicon.js'
import type { ParsedEntry, TokenDictionary } from './qa-index.js'
import { approvedQaStats, listApprovedQaMeta, listQaSearchTexts } from './qa-search.repository.js'
import { searchTokens } from './tokenizer.js'

const fingerprintOf = (count: unknown, idSum: unknown, latest: string | null) =>
  `${Number(count)}:${Number(idSum ?? 0)}:${latest ?? ''}`

/** The approved set's and the lexicon's fingerprint: unchanged means the index is still right. */
export async function approvedFingerprint(db: Db): Promise<string> {
  const row = await approvedQaStats(db.kysely)
  return `${fingerprintOf(row.n, row.ids, row.latest)}|${await lexiconFingerprint(db.kysely)}`
}

export interface Parsed {
  updatedAt: string
  entry: ParsedEntry
}

const TEXT_BATCH = 500

/**
 * The approved entries, reusing the parsed tokens of those already indexed: an approved row's text
 * never changes (an edit is a new version), so only new approvals are read in full and tokenized, a
 * batch per query so that a first load of thousands does not hold the event loop long.
 */
export async function loadEntries(
  db: Db,
  dictionary: TokenDictionary,
  previous: ReadonlyMap<number, Parsed>,
  lexicon: Lexicon,
) {
  const rows = await listApprovedQaMeta(db.kysely)
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
    const texts = await listQaSearchTexts(
      db.kysely,
      batch.map((r) => Number(r.id)),
    )
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
