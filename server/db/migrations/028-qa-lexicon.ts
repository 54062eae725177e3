import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * The search lexicon the middle office maintains (issue 18): `word` rows add one banking term to the
 * segmenter's dictionary, `synonyms` rows a group of words customers and the library use for one thing.
 */
export const qaLexicon = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<unknown>) {
    await autoId(db.schema.createTable('qa_lexicon'), dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('words', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
  },
})
