import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { lexiconCountAndLatest, listLexiconWords } from '../lexicon.repository.js'
import { addWords } from './segmenter.js'
import { SYNONYM_GROUPS } from './synonyms.js'
import type { SynonymLookup } from './tokenizer.js'

/** One library's search lexicon: the maintained synonym groups plus the console's, and a change marker. */
export interface Lexicon {
  fingerprint: string
  synonyms: SynonymLookup
}

/** Splits a console entry into words (spaces, commas or 、 between them). */
export const lexiconWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[\s,，、;；]+/)
    .filter(Boolean)

/** Count and newest id of the console's rows: any add or delete changes it. */
export async function lexiconFingerprint(db: Kysely<Database>): Promise<string> {
  const row = await lexiconCountAndLatest(db)
  return `${Number(row.n)}:${Number(row.latest ?? 0)}`
}

/** Reads the console's words and synonym groups; their words join the segmenter's dictionary. */
export async function loadLexicon(db: Kysely<Database>): Promise<Lexicon> {
  const fingerprint = await lexiconFingerprint(db)
  const rows = await listLexiconWords(db)
  const groups = [...SYNONYM_GROUPS, ...rows.filter((r) => r.kind === 'synonyms').map((r) => lexiconWords(r.words))]
  addWords(rows.flatMap((r) => lexiconWords(r.words)).filter((w) => w.length > 1))
  const byWord = new Map<string, string[]>()
  for (const group of groups) for (const word of group) byWord.set(word, [...(byWord.get(word) ?? []), ...group])
  return { fingerprint, synonyms: (word) => byWord.get(word) ?? [] }
}
