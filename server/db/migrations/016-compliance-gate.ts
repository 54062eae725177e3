import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * The compliance gate: the lexicon becomes reviewed (proposer ≠ approver) and versioned, every outbound
 * text is recorded with its findings and lexicon version, and free-text mass-send / moment tasks wait
 * for a second person's review before anything goes to WeCom. Existing phrases stay active.
 */
export const complianceGate = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('banned_phrases')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .execute()
    for (const column of ['category', 'explanation', 'source', 'decided_by', 'decided_at'])
      await db.schema.alterTable('banned_phrases').addColumn(column, 'text').execute()

    await autoId(db.schema.createTable('compliance_checks'), dialect)
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('blocked', 'integer', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('lexicon_version', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('compliance_checks_at_idx').on('compliance_checks').column('checked_at').execute()

    for (const column of ['reviewed_by', 'reviewed_at', 'review_note', 'findings'])
      await db.schema.alterTable('tasks').addColumn(column, 'text').execute()
  },
})
