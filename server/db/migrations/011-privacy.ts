import type { Kysely, Migration } from 'kysely'
import type { MigrationContext } from '../migration-helpers.js'

/**
 * Privacy operations: one row of retention settings (days kept per kind of record) and the indexes
 * the audit view and the purge job read by (actor and time; age of callbacks and events).
 */
export const privacy = (_ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('retention_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('callbacks_days', 'integer', (c) => c.notNull())
      .addColumn('events_days', 'integer', (c) => c.notNull())
      .addColumn('audit_days', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'text')
      .execute()
    await db
      .insertInto('retention_settings')
      .values({ id: 1, callbacks_days: 30, events_days: 730, audit_days: 1825, updated_at: null, updated_by: null })
      .execute()
    await db.schema.createIndex('audit_log_actor_at_idx').on('audit_log').columns(['actor_staff_id', 'at']).execute()
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()
    await db.schema.createIndex('events_occurred_idx').on('events').column('occurred_at').execute()
    await db.schema.createIndex('wecom_callbacks_received_idx').on('wecom_callbacks').column('received_at').execute()
  },
  async down(db: Kysely<any>) {
    for (const index of [
      'audit_log_actor_at_idx',
      'audit_log_at_idx',
      'events_occurred_idx',
      'wecom_callbacks_received_idx',
    ])
      await db.schema.dropIndex(index).execute()
    await db.schema.dropTable('retention_settings').execute()
  },
})
