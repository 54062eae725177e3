import type { Kysely, Migration } from 'kysely'

/**
 * 企业客户标签: the app's mirror of WeCom's corp tag catalogue (`corp_tags`, one row per tag with its group,
 * deleted ones kept so old marks still read), each relation's corp tags (`contact_tags`), and the simulator's
 * own catalogue (`sim_corp_tag_groups` / `sim_corp_tags`, WeCom's side of the same APIs).
 */
export const corpTags = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('corp_tags')
      .addColumn('tag_id', 'text', (c) => c.primaryKey())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('group_order', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('tag_order', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('synced_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('corp_tags_group_idx').on('corp_tags').column('group_id').execute()
    await db.schema
      .createTable('contact_tags')
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('tag_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_tags_pk', ['staff_userid', 'external_userid', 'tag_id'])
      .execute()
    await db.schema.createIndex('contact_tags_tag_idx').on('contact_tags').columns(['tag_id', 'staff_userid']).execute()
    await db.schema
      .createTable('sim_corp_tag_groups')
      .addColumn('group_id', 'text', (c) => c.primaryKey())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('order', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by_app', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema
      .createTable('sim_corp_tags')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('order', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by_app', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.createIndex('sim_corp_tags_group_idx').on('sim_corp_tags').column('group_id').execute()
  },
})
