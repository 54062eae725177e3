import type { Kysely, Migration } from 'kysely'

/**
 * Indexes for the sidebar profile's queries, found by `npm run bench` (profile throughput fell from
 * 127 to 6 req/s between 50k and 1M events): last contacts per contact, this month's bindings per
 * manager (out-of-province rule), and adds per manager around a time (burst flag).
 */
export const hotPathIndexes = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('events_contact_staff_time_idx')
      .on('events')
      .columns(['external_userid', 'staff_userid', 'occurred_at'])
      .execute()
    await db.schema
      .createIndex('bindings_staff_time_idx')
      .on('bindings')
      .columns(['staff_userid', 'verified_at'])
      .execute()
    await db.schema
      .createIndex('wecom_contacts_staff_time_idx')
      .on('wecom_contacts')
      .columns(['staff_userid', 'add_time'])
      .execute()
  },
})
