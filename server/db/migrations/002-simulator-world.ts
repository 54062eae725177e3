import type { Kysely, Migration } from 'kysely'

/**
 * The WeCom simulator's world (demo and tests only; empty in production): the WeChat people on the
 * customer side and the follow relations as WeCom itself holds them.
 */
export const simulatorWorld = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sim_people')
      .addColumn('external_userid', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('gender', 'integer', (c) => c.notNull())
      .addColumn('type', 'integer', (c) => c.notNull())
      .addColumn('corp_name', 'text')
      .addColumn('avatar', 'text', (c) => c.notNull())
      .addColumn('unionid', 'text')
      .addColumn('province', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('sim_follows')
      .addColumn('userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('remark', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('createtime', 'bigint', (c) => c.notNull())
      .addColumn('add_way', 'integer', (c) => c.notNull())
      .addColumn('oper_userid', 'text', (c) => c.notNull())
      .addColumn('state', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      // WeCom keeps a customer-deleted relation but drops a member-deleted one.
      .addColumn('deleted_by_member', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted_by_customer', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sim_follows_pk', ['userid', 'external_userid'])
      .execute()
    await db.schema.createIndex('sim_follows_ext_idx').on('sim_follows').column('external_userid').execute()
  },
})
