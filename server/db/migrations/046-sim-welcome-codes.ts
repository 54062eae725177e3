import type { Kysely, Migration } from 'kysely'

/** The simulator's WelcomeCodes: issued with an add event, valid 20 s by the simulator clock, single use. */
export const simWelcomeCodes = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sim_welcome_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('userid', 'text', (c) => c.notNull())
      .addColumn('external_userid', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('message', 'text')
      .execute()
  },
})
