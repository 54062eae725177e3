import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The console's domain words and synonym groups, newest first. */
export async function listLexiconEntries(db: Q) {
  return db.selectFrom('qa_lexicon').selectAll().orderBy('id', 'desc').execute()
}

export async function insertLexiconEntry(db: Q, values: Insertable<Database['qa_lexicon']>): Promise<number> {
  const row = await db.insertInto('qa_lexicon').values(values).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/** False when there was no such entry. */
export async function deleteLexiconEntry(db: Q, id: number): Promise<boolean> {
  const result = await db.deleteFrom('qa_lexicon').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) !== 0
}

/** How many entries there are and the newest id: any add or delete changes one of them. */
export async function lexiconCountAndLatest(db: Q) {
  return db
    .selectFrom('qa_lexicon')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('latest')])
    .executeTakeFirstOrThrow()
}

/** Every entry's kind and words, oldest first. */
export async function listLexiconWords(db: Q) {
  return db.selectFrom('qa_lexicon').select(['kind', 'words']).orderBy('id').execute()
}
