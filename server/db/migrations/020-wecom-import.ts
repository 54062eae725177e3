import type { Kysely, Migration } from 'kysely'
import type { MigrationContext } from '../migration-helpers.js'

/**
 * First day on a real corp: the relation import's resumable state (one row per job, cursor committed with
 * each page), the pairs WeCom listed for the member batch in progress (reconciliation finds the relations
 * WeCom no longer lists without touching the unchanged ones: every update of wecom_contacts marks rollups),
 * and retry bookkeeping on the callback inbox (next attempt, dead-letter time).
 */
export const wecomImport = (_ctx: MigrationContext): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('wecom_import_state')
      .addColumn('job', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'integer', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('members', 'text', (c) => c.notNull())
      .addColumn('batch_index', 'integer', (c) => c.notNull())
      .addColumn('cursor', 'text', (c) => c.notNull())
      .addColumn('pages', 'integer', (c) => c.notNull())
      .addColumn('seen', 'integer', (c) => c.notNull())
      .addColumn('added', 'integer', (c) => c.notNull())
      .addColumn('removed', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute()
    await db.schema
      .createTable('wecom_import_seen')
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('wecom_import_seen_pk', ['staff_userid', 'external_userid'])
      .execute()
    await db.schema.alterTable('wecom_callbacks').addColumn('next_attempt_at', 'text').execute()
    await db.schema.alterTable('wecom_callbacks').addColumn('dead_at', 'text').execute()
  },
})
