import type { Kysely, Migration } from 'kysely'

/**
 * A contact's first binding (`where external_userid = ? order by verified_at limit 1`, on every profile
 * and reply context) sorted its rows in a temp B-tree: the index now carries the order. It replaces the
 * single-column index, which it covers.
 */
export const bindingLookupIndex = (): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('bindings_ext_time_idx')
      .on('bindings')
      .columns(['external_userid', 'verified_at'])
      .execute()
    await db.schema.dropIndex('bindings_ext_idx').execute()
  },
})
