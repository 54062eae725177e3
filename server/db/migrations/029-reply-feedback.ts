import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * The replies learning loop (issue 18): managers' 有用/没用 on a suggestion, and questions that found no
 * answer (stored with customer details already masked) for the middle office's frequency list.
 */
export const replyFeedback = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<unknown>) {
    await autoId(db.schema.createTable('reply_feedback'), dialect)
      .addColumn('qa_item_id', 'integer', (c) => c.notNull())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('helpful', 'integer', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('reply_feedback_item_idx').on('reply_feedback').column('qa_item_id').execute()
    await autoId(db.schema.createTable('reply_misses'), dialect)
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('reply_misses_time_idx').on('reply_misses').column('created_at').execute()
  },
})
