import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * The WeCom simulator's own state (demo and tests only): issued tokens and tickets, OAuth codes,
 * uploaded media, messages sent into simulated chats, the SMS outbox and mass-send/moment tasks.
 * Kept in the app's database so several instances of the simulator agree.
 */
export const simulatorState = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sim_credentials')
      .addColumn('value', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('sim_credentials_kind_idx')
      .on('sim_credentials')
      .columns(['kind', 'expires_at'])
      .execute()

    await db.schema
      .createTable('sim_oauth_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('userid', 'text')
      .addColumn('person_external_userid', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute()

    await db.schema
      .createTable('sim_media')
      .addColumn('media_id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      // base64 of images only, so the desktop page can show them; other media keep metadata only.
      .addColumn('data', 'text')
      .execute()

    await autoId(db.schema.createTable('sim_chat_messages'), dialect)
      .addColumn('userid', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('msgtype', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('sim_chat_messages_conv_idx')
      .on('sim_chat_messages')
      .columns(['userid', 'conversation_id'])
      .execute()

    await autoId(db.schema.createTable('sim_sms'), dialect)
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sim_sms_phone_idx').on('sim_sms').column('phone').execute()

    await db.schema
      .createTable('sim_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('jobid', 'text', (c) => c.unique())
      .addColumn('creator', 'text')
      .addColumn('create_type', 'integer', (c) => c.notNull())
      .addColumn('chat_type', 'text')
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('senders', 'text', (c) => c.notNull())
      .addColumn('targets', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sim_tasks_kind_time_idx').on('sim_tasks').columns(['kind', 'create_time']).execute()
  },
})
