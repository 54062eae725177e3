import { sql, type Kysely, type Migration } from 'kysely'
import type { MigrationContext } from '../migration-helpers.js'

/**
 * Found by `npm run bench` on PostgreSQL at bank scale (2 M relations, so 2 M verdicts):
 * - Every refresh batch deletes the verdicts of its contacts that no longer have a relation (erasure), by
 *   `external_userid`, which no index led with: a scan of the whole table per batch, 114 ms each, 452 s of the
 *   judging of 1.75 M relations (`pg_stat_statements`). Now an index lookup.
 * - The dashboard sums a branch's verdicts of a month (208,000 rows for a branch of 223 managers): PostgreSQL
 *   read each row from the table, scattered in relation order (328–1,040 ms); with the verdict columns in the
 *   index it reads them from the index alone (46 ms). SQLite reads its rows in process and was within budget
 *   (41 ms at the same scale), so it keeps the narrower index rather than pay for the wider one on every write.
 */
export const verdictIndexes = (ctx: MigrationContext): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.createIndex('add_verdicts_contact_idx').on('add_verdicts').column('external_userid').execute()
    if (ctx.dialect !== 'postgres') return
    await db.schema.dropIndex('add_verdicts_staff_time_idx').execute()
    await sql`create index add_verdicts_staff_time_idx on add_verdicts (staff_userid, add_time)
      include (relation_id, external_userid, verified, has_account, in_book, first_add, peer_bank, several_staff,
        burst, base_ok)`.execute(db)
  },
})
