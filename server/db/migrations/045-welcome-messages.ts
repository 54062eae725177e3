import type { Kysely, Migration } from 'kysely'
import { addReviewColumns, autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * 欢迎语: texts the middle office writes (a default one, optionally one per branch) under review, and one row per
 * WelcomeCode WeCom handed us, saying what was sent to whom and what WeCom answered. The code is unique: a
 * redelivered or retried callback never sends twice.
 */
export const welcomeMessages = (ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await addReviewColumns(
      autoId(db.schema.createTable('welcome_messages'), ctx.dialect)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text')
        .addColumn('link_title', 'text')
        .addColumn('link_url', 'text')
        .addColumn('link_desc', 'text'),
    ).execute()
    await db.schema
      .createIndex('welcome_messages_live_idx')
      .on('welcome_messages')
      .columns(['status', 'branch_id'])
      .execute()
    await autoId(db.schema.createTable('welcome_sends'), ctx.dialect)
      .addColumn('welcome_code', 'text', (c) => c.notNull().unique())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('message_id', 'integer')
      .addColumn('approval_no', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('errcode', 'integer')
      .addColumn('error', 'text')
      .addColumn('code_issued_at', 'text', (c) => c.notNull())
      .addColumn('attempted_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('welcome_sends_time_idx').on('welcome_sends').columns(['attempted_at']).execute()
  },
})
