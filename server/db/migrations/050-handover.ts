import type { Kysely, Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * Customer handover (在职转接 / 离职继承): the transfers we asked WeCom for and the state WeCom reports for each
 * customer, the owner history of every relation, and the simulator's own record of the transfers it accepted.
 * `wecom_contacts.added_by` keeps the member who added the customer once the relation has been inherited.
 */
export const handover = (ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('wecom_contacts').addColumn('added_by', 'text').execute()

    await autoId(db.schema.createTable('handover_transfers'), ctx.dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('handover_userid', 'text', (c) => c.notNull())
      .addColumn('takeover_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('errcode', 'integer')
      .addColumn('takeover_at', 'text')
      .addColumn('message', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text')
      .addColumn('applied_at', 'text')
      .execute()
    await db.schema
      .createIndex('handover_transfers_pair_idx')
      .on('handover_transfers')
      .columns(['handover_userid', 'takeover_userid', 'status'])
      .execute()
    await db.schema
      .createIndex('handover_transfers_contact_idx')
      .on('handover_transfers')
      .columns(['external_userid', 'requested_at'])
      .execute()

    await autoId(db.schema.createTable('relation_owners'), ctx.dialect)
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('owner_userid', 'text', (c) => c.notNull())
      .addColumn('from_at', 'text', (c) => c.notNull())
      .addColumn('to_at', 'text')
      .addColumn('how', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('relation_owners_contact_idx')
      .on('relation_owners')
      .columns(['external_userid', 'from_at'])
      .execute()

    await autoId(db.schema.createTable('sim_transfers'), ctx.dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('handover_userid', 'text', (c) => c.notNull())
      .addColumn('takeover_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('requested_at', 'integer', (c) => c.notNull())
      .addColumn('takeover_time', 'integer', (c) => c.notNull())
      .addColumn('refuse', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema
      .createIndex('sim_transfers_contact_idx')
      .on('sim_transfers')
      .columns(['external_userid', 'requested_at'])
      .execute()
  },
})
