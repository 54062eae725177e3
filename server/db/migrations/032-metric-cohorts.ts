import type { Kysely, Migration } from 'kysely'

/**
 * The dashboard's funnel counts links by the day they were sent (a cohort) and the pass rate counts
 * staff-initiated adds by add way: both read in covering indexes, so a branch × month stays an index
 * range scan as the rollups are (no row reads per link or add). Content results count sends of a period and
 * whether each was opened (an open rate per send, never above 100%) and credit purchases to sends.
 */
export const metricCohorts = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('verifications_staff_sent_idx')
      .on('verifications')
      .columns(['staff_userid', 'sent_at', 'opened_at', 'verified_at'])
      .execute()
    await db.schema
      .createIndex('wecom_contacts_staff_add_way_idx')
      .on('wecom_contacts')
      .columns(['staff_userid', 'add_time', 'add_way'])
      .execute()
    await db.schema.createIndex('content_sends_sent_idx').on('content_sends').columns(['sent_at', 'msgtype']).execute()
    await db.schema.createIndex('events_ref_type_idx').on('events').columns(['ref_id', 'type']).execute()
  },
})
