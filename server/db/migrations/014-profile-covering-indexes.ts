import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Found by `npm run bench` at bank scale (1 M customers, 10 M events), where the profile ran at 0.2 of the
 * Express ceiling: two of its queries were 55% of its SQLite time.
 * - The out-of-province rule read every binding of the manager's month joined to its verification for the
 *   IP province (295 rows for the busiest manager, 253 µs). A binding now keeps the province it was verified
 *   from (it never changes), and an index covering (manager, time, province) lets the rule count in the index.
 * - Last contacts fetched five events by (contact, manager) through the index and then each row from a
 *   10 M-row table (100 µs). The index now carries the event type: no table reads. It carries the id too,
 *   so it also gives the query's order (time, then id): without it SQLite chose to walk the manager's
 *   whole event history by time instead (780 ms a profile, measured).
 */
export const profileCoveringIndexes = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('bindings').addColumn('ip_province', 'text').execute()
    await sql`update bindings set ip_province = (select v.ip_province from verifications v where v.id = bindings.verification_id)
      where verification_id is not null`.execute(db)
    await db.schema
      .createIndex('bindings_staff_month_idx')
      .on('bindings')
      .columns(['staff_userid', 'verified_at', 'ip_province', 'external_userid'])
      .execute()
    await db.schema.dropIndex('bindings_staff_time_idx').execute()
    await db.schema
      .createIndex('events_contact_latest_idx')
      .on('events')
      .columns(['external_userid', 'staff_userid', 'occurred_at', 'id', 'type'])
      .execute()
    await db.schema.dropIndex('events_contact_staff_time_idx').execute()
  },
})
