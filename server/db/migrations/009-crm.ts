import { sql, type Kysely, type Migration } from 'kysely'
import { autoId, type MigrationContext } from '../migration-helpers.js'

/**
 * CRM integration: customer phone and ID numbers encrypted at rest (plus keyed hashes for matching),
 * staff without a WeCom account, the bank's own holding ids, purchases, owner changes, import and
 * sync runs with their row errors, and the pull adapter's resume cursors.
 */
export const crm = ({ dialect, pii }: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await encryptCustomerPii(db, dialect, pii)
    await relaxStaffWecomUserid(db, dialect)
    for (const table of ['branches', 'holdings'])
      await db.schema.alterTable(table).addColumn('crm_fingerprint', 'text').execute()
    await db.schema.alterTable('holdings').addColumn('holding_no', 'text').execute()
    await db.schema.createIndex('holdings_no_uq').on('holdings').column('holding_no').unique().execute()

    await db.schema
      .createTable('purchases')
      .addColumn('purchase_no', 'text', (c) => c.primaryKey())
      .addColumn('cif_no', 'text', (c) => c.notNull().references('customers.cif_no'))
      .addColumn('product_type', 'text', (c) => c.notNull())
      .addColumn('product_code', 'text', (c) => c.notNull())
      .addColumn('product_name', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'bigint', (c) => c.notNull())
      .addColumn('purchased_at', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('crm_fingerprint', 'text')
      .execute()
    await db.schema.createIndex('purchases_cif_time_idx').on('purchases').columns(['cif_no', 'purchased_at']).execute()

    // Only real transfers are kept: the owner on a date is the `from` of the first change after it, else the current one.
    await autoId(db.schema.createTable('customer_owner_changes'), dialect)
      .addColumn('cif_no', 'text', (c) => c.notNull())
      .addColumn('from_staff_id', 'text')
      .addColumn('to_staff_id', 'text')
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('owner_changes_cif_idx')
      .on('customer_owner_changes')
      .columns(['cif_no', 'changed_at'])
      .execute()

    await db.schema
      .createTable('crm_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor_staff_id', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message', 'text')
      .execute()
    await db.schema.createIndex('crm_runs_started_idx').on('crm_runs').columns(['started_at']).execute()
    await autoId(db.schema.createTable('crm_run_errors'), dialect)
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('crm_run_errors_run_idx').on('crm_run_errors').columns(['run_id', 'id']).execute()

    await db.schema
      .createTable('crm_sync_state')
      .addColumn('entity', 'text', (c) => c.primaryKey())
      .addColumn('cursor', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    // Keys seen by the running import, to report a duplicate key without holding a million keys in memory.
    await db.schema
      .createTable('crm_import_seen')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('crm_import_seen_pk', ['run_id', 'entity', 'key'])
      .execute()
  },
})

async function encryptCustomerPii(db: Kysely<any>, dialect: MigrationContext['dialect'], pii: MigrationContext['pii']) {
  for (const column of ['phone_enc', 'phone_hash', 'id_no_enc', 'id_no_hash', 'pii_key_id']) {
    await db.schema
      .alterTable('customers')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
  await db.schema.alterTable('customers').addColumn('crm_fingerprint', 'text').execute()
  await db.schema.alterTable('customers').addColumn('updated_at', 'text').execute()
  for (let after = ''; ;) {
    const rows: { cif_no: string; phone: string; id_no: string }[] = await db
      .selectFrom('customers')
      .select(['cif_no', 'phone', 'id_no'])
      .where('cif_no', '>', after)
      .orderBy('cif_no')
      .limit(1000)
      .execute()
    if (!rows.length) break
    if (!pii)
      throw new Error(
        'customers hold plain-text phone numbers: migrate with the PII keys configured (npm start or npm run seed do)',
      )
    for (const r of rows) {
      await db
        .updateTable('customers')
        .set({
          phone_enc: pii.encrypt('phone', r.cif_no, r.phone),
          phone_hash: pii.hash('phone', r.phone) ?? '',
          id_no_enc: pii.encrypt('id_no', r.cif_no, r.id_no),
          id_no_hash: pii.hash('id_no', r.id_no) ?? '',
          pii_key_id: pii.activeKeyId,
        })
        .where('cif_no', '=', r.cif_no)
        .execute()
    }
    after = rows.at(-1)!.cif_no
  }
  await db.schema.dropIndex('customers_phone_idx').execute()
  await db.schema.alterTable('customers').dropColumn('phone').execute()
  await db.schema.alterTable('customers').dropColumn('id_no').execute()
  // Dropped plain text may linger in SQLite's free pages until they are reused; wipe them.
  if (dialect === 'sqlite') await sql`vacuum`.execute(db)
  await db.schema.createIndex('customers_phone_hash_idx').on('customers').column('phone_hash').execute()
  await db.schema.createIndex('customers_id_no_hash_idx').on('customers').column('id_no_hash').execute()
}

/** Staff without a WeCom account have no userid; SQLite cannot drop NOT NULL, so it rebuilds the table. */
async function relaxStaffWecomUserid(db: Kysely<any>, dialect: MigrationContext['dialect']) {
  if (dialect === 'postgres') {
    await db.schema
      .alterTable('staff')
      .alterColumn('wecom_userid', (c) => c.dropNotNull())
      .execute()
    await db.schema.alterTable('staff').addColumn('crm_fingerprint', 'text').execute()
    return
  }
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('staff_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wecom_userid', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('crm_fingerprint', 'text')
        .addColumn('reviewer', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await sql`insert into staff_new (id, wecom_userid, name, title, role, branch_id, active, reviewer) select id, wecom_userid, name, title, role, branch_id, active, reviewer from staff`.execute(
        trx,
      )
      await trx.schema.dropTable('staff').execute()
      await trx.schema.alterTable('staff_new').renameTo('staff').execute()
      await trx.schema.createIndex('staff_branch_idx').on('staff').column('branch_id').execute()
      const broken = await sql`pragma foreign_key_check`.execute(trx)
      if (broken.rows.length) throw new Error('foreign keys broken after rebuilding staff')
    })
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}
