import { sql, type Kysely, type Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * Owner history per relation, not per customer: `relation_owners.relation_id` names the `wecom_contacts` row the
 * history belongs to (a customer may have several relations, each with its own holders), so reports can count a
 * relation for whoever held it at the end of a period. Rows written before this migration are matched to the
 * customer's handed-over relation (the one with `added_by` set).
 *
 * `handover_proposals`: a CRM owner change of a customer who is the WeCom friend of someone else, recorded when
 * the CRM import or sync applies it; `open` until a handover starts (`started`), the supervisor dismisses it, or
 * it no longer applies (`settled`).
 */
export const ownerHistory = (ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('relation_owners').addColumn('relation_id', 'bigint').execute()
    await sql`
      UPDATE relation_owners SET relation_id = (
        SELECT MIN(wc.id) FROM wecom_contacts wc
        WHERE wc.external_userid = relation_owners.external_userid AND wc.added_by IS NOT NULL
      )`.execute(db)
    await db.schema
      .createIndex('relation_owners_relation_idx')
      .on('relation_owners')
      .columns(['relation_id', 'from_at'])
      .execute()

    await autoId(db.schema.createTable('handover_proposals'), ctx.dialect)
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('cif_no', 'text', (c) => c.notNull())
      .addColumn('holder_userid', 'text', (c) => c.notNull())
      .addColumn('crm_owner_userid', 'text', (c) => c.notNull())
      .addColumn('previous_owner_staff_id', 'text')
      .addColumn('crm_run_id', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .execute()
    await db.schema
      .createIndex('handover_proposals_holder_idx')
      .on('handover_proposals')
      .columns(['holder_userid', 'status'])
      .execute()
    await db.schema
      .createIndex('handover_proposals_contact_idx')
      .on('handover_proposals')
      .columns(['external_userid', 'status'])
      .execute()
  },
})
