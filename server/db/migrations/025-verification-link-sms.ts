import type { Kysely, Migration } from 'kysely'

/** Per-link SMS counters: codes sent over the link's life, and the (hashed) phones they went to. */
export const verificationLinkSms = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('verifications')
      .addColumn('sms_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema
      .alterTable('verifications')
      .addColumn('sms_phones', 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  },
})
