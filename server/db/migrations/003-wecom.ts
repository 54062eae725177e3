import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/** WeCom callback inbox (store first, process after the 200) and fixed-window rate-limit counters. */
export const wecom = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await autoId(db.schema.createTable('wecom_callbacks'), dialect)
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('msg_type', 'text', (c) => c.notNull())
      .addColumn('event', 'text')
      .addColumn('change_type', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .execute()
    await db.schema
      .createIndex('wecom_callbacks_pending_idx')
      .on('wecom_callbacks')
      .columns(['processed_at', 'id'])
      .execute()

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_end', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('rate_limits_window_end_idx').on('rate_limits').column('window_end').execute()
  },
})
