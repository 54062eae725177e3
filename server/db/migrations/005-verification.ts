import type { Kysely, Migration } from 'kysely'

/** Real-name verification links: one-time tokens (hashed), SMS codes (hashed), outcome per link. */
export const verification = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('staff_userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('opened_at', 'text')
      .addColumn('verified_at', 'text')
      .addColumn('failed_at', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('identity_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('code_hash', 'text')
      .addColumn('code_expires_at', 'text')
      .addColumn('code_sent_at', 'text')
      .addColumn('candidate_cif_no', 'text')
      .addColumn('candidate_problem', 'text')
      .addColumn('cif_no', 'text')
      .addColumn('client_ip', 'text')
      .addColumn('ip_province', 'text')
      .execute()
    await db.schema
      .createIndex('verifications_contact_idx')
      .on('verifications')
      .columns(['external_userid', 'staff_userid', 'created_at'])
      .execute()
    await db.schema
      .createIndex('verifications_staff_time_idx')
      .on('verifications')
      .columns(['staff_userid', 'verified_at'])
      .execute()
  },
})
