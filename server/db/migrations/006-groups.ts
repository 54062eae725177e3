import type { Kysely, Migration } from 'kysely'

/**
 * The simulator's customer groups (客户群): the group and its members as WeCom's groupchat/get
 * reports them. Demo and tests only; the app itself reads groups through the WeCom client.
 */
export const groups = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sim_groups')
      .addColumn('chat_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('create_time', 'bigint', (c) => c.notNull())
      .addColumn('notice', 'text', (c) => c.notNull().defaultTo(''))
      // 0 normal, 1 owner left (待继承), 2 handover in progress, 3 handover done — groupchat/list's status.
      .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.createIndex('sim_groups_owner_idx').on('sim_groups').columns(['owner', 'create_time']).execute()

    await db.schema
      .createTable('sim_group_members')
      .addColumn('chat_id', 'text', (c) => c.notNull())
      .addColumn('userid', 'text', (c) => c.notNull())
      .addColumn('type', 'integer', (c) => c.notNull())
      .addColumn('join_time', 'bigint', (c) => c.notNull())
      .addColumn('join_scene', 'integer', (c) => c.notNull())
      .addColumn('invitor', 'text')
      .addColumn('group_nickname', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('sim_group_members_pk', ['chat_id', 'userid'])
      .execute()
    await db.schema.createIndex('sim_group_members_userid_idx').on('sim_group_members').column('userid').execute()
  },
})
