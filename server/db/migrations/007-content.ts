import type { Kysely, Migration } from 'kysely'
import { addReviewColumns, autoId, type MigrationContext } from '../migration-helpers.js'

const BANNED: Array<[string, 'block' | 'warn']> = [
  ['保本', 'block'],
  ['保息', 'block'],
  ['稳赚', 'block'],
  ['零风险', 'block'],
  ['保证收益', 'block'],
  ['无风险', 'block'],
  ['刚性兑付', 'block'],
  ['稳赚不赔', 'block'],
  ['绝对安全', 'block'],
  ['只涨不跌', 'block'],
  ['闭眼买', 'block'],
  ['躺赚', 'block'],
  ['收益翻倍', 'warn'],
  ['抄底', 'warn'],
  ['最后机会', 'warn'],
  ['限时抢购', 'warn'],
]

/** Content library, the shared review tables (banned phrases, link allow-list, counters), market series, sends. */
export const content = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('staff')
      .addColumn('reviewer', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()

    await autoId(db.schema.createTable('banned_phrases'), dialect)
      .addColumn('phrase', 'text', (c) => c.notNull().unique())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    const at = new Date().toISOString()
    await db
      .insertInto('banned_phrases')
      .values(BANNED.map(([phrase, severity]) => ({ phrase, severity, note: null, created_by: null, created_at: at })))
      .execute()

    await db.schema
      .createTable('link_allowlist')
      .addColumn('host', 'text', (c) => c.primaryKey())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('review_counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute()

    await addReviewColumns(
      autoId(db.schema.createTable('content_items'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('segments', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('min_risk_level', 'text')
        .addColumn('disclaimer', 'text')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('chart_symbol', 'text')
        .addColumn('chart_window_days', 'integer')
        .addColumn('image_base64', 'text')
        .addColumn('image_mime', 'text'),
    ).execute()
    await db.schema.createIndex('content_items_root_idx').on('content_items').columns(['root_id', 'version']).execute()
    await db.schema
      .createIndex('content_items_status_idx')
      .on('content_items')
      .columns(['status', 'valid_until'])
      .execute()

    await db.schema
      .createTable('market_series')
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('close', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('csv'))
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('market_series_pk', ['symbol', 'date'])
      .execute()

    await db.schema
      .createTable('content_sends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id'))
      .addColumn('root_id', 'integer', (c) => c.notNull())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text')
      .addColumn('chat_id', 'text')
      .addColumn('msgtype', 'text', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('edit_diff', 'text')
      .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute()
    await db.schema
      .createIndex('content_sends_contact_idx')
      .on('content_sends')
      .columns(['external_userid', 'sent_at'])
      .execute()
    await db.schema
      .createIndex('content_sends_staff_idx')
      .on('content_sends')
      .columns(['staff_userid', 'sent_at'])
      .execute()
    await db.schema.createIndex('content_sends_item_idx').on('content_sends').column('item_id').execute()
  },
})
