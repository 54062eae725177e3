import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { Database } from '../../db/database.js'
import { BUILTIN_RULES, BUILTIN_RULES_VERSION } from './rules.js'
import { normalize } from './normalize.js'
import { SOURCES } from './sources.js'
import type { Rule, RuleCategory, RuleLevel } from './types.js'

export interface Lexicon {
  rules: readonly Rule[]
  version: string
}

const COUNTER = 'lexicon'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The approved lexicon's version number: moves on every approval or retirement. */
export async function lexiconRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('review_counters').select('value').where('name', '=', COUNTER).executeTakeFirst()
  return Number(row?.value ?? 0)
}

export async function bumpLexiconRevision(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('review_counters')
    .values({ name: COUNTER, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('review_counters.value', '+', 1) })))
    .execute()
}

/** A reviewer-maintained phrase as a rule: matched on its normalised form, so its variants are caught too. */
export function phraseRule(p: {
  id: number
  phrase: string
  severity: RuleLevel
  category: string | null
  explanation: string | null
  source: string | null
}): Rule {
  return {
    id: `lexicon-${p.id}`,
    code: 'BANNED_PHRASE',
    category: (p.category as RuleCategory | null) ?? 'lexicon',
    level: p.severity,
    explanation: p.explanation || '中台词库中的违规用语，请删除或改写',
    source: p.source || SOURCES.consumer,
    pattern: new RegExp(escape(normalize(p.phrase).text), 'gu'),
  }
}

/** Built-in rules plus the active lexicon, and the version they make together. */
export async function loadLexicon(db: Kysely<Database>): Promise<Lexicon> {
  const [phrases, revision] = await Promise.all([
    db
      .selectFrom('banned_phrases')
      .select(['id', 'phrase', 'severity', 'category', 'explanation', 'source'])
      .where('status', '=', 'active')
      .orderBy('phrase')
      .execute(),
    lexiconRevision(db),
  ])
  const own = phrases.filter((p) => normalize(p.phrase).text).map((p) => phraseRule({ ...p, id: Number(p.id) }))
  return { rules: [...BUILTIN_RULES, ...own], version: `${BUILTIN_RULES_VERSION}.${revision}` }
}

type PhraseRow = Selectable<Database['banned_phrases']>

export async function listPhrases(db: Kysely<Database>): Promise<PhraseRow[]> {
  return db.selectFrom('banned_phrases').selectAll().orderBy('id').execute()
}

export async function findPhrase(db: Kysely<Database>, id: number): Promise<PhraseRow | undefined> {
  return db.selectFrom('banned_phrases').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findPhraseByText(db: Kysely<Database>, phrase: string): Promise<PhraseRow | undefined> {
  return db.selectFrom('banned_phrases').selectAll().where('phrase', '=', phrase).executeTakeFirst()
}

export async function insertPhrase(db: Kysely<Database>, values: Insertable<Database['banned_phrases']>) {
  return db.insertInto('banned_phrases').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function updatePhrase(db: Kysely<Database>, id: number, set: Updateable<Database['banned_phrases']>) {
  return db.updateTable('banned_phrases').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Updates the phrase only if its status is still `from`; false when someone else decided first. */
export async function updatePhraseIfStatus(
  db: Kysely<Database>,
  id: number,
  from: PhraseRow['status'],
  set: Updateable<Database['banned_phrases']>,
): Promise<boolean> {
  const r = await db
    .updateTable('banned_phrases')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function staffRole(db: Kysely<Database>, staffId: string) {
  return db.selectFrom('staff').select(['role', 'reviewer']).where('id', '=', staffId).executeTakeFirst()
}
