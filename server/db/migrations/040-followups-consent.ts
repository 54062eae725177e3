import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * 跟进记录 (a manager's short notes per customer, with an optional next follow-up day) and marketing consent
 * (append-only: the latest row per contact decides whether marketing may reach them).
 */
export const followupsConsent = (ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await autoId(db.schema.createTable('followups'), ctx.dialect)
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('next_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('followups_contact_idx')
      .on('followups')
      .columns(['external_userid', 'created_at'])
      .execute()
    await db.schema.createIndex('followups_due_idx').on('followups').columns(['staff_userid', 'next_on']).execute()
    await autoId(db.schema.createTable('marketing_consent'), ctx.dialect)
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('opted_out', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('staff_userid', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('marketing_consent_contact_idx')
      .on('marketing_consent')
      .columns(['external_userid', 'id'])
      .execute()
  },
})
