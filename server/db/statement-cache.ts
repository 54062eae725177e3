import type { Database, Statement } from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/**
 * Kysely's SQLite driver prepares every query afresh; on the sidebar's hot paths preparing cost about
 * as much as running the query. This keeps the most recently used statements (bounded: `in (…)` lists
 * make one SQL text per list length). A statement still being iterated by a stream is busy and cannot
 * be re-run, so a busy one is passed over for a fresh, uncached statement.
 */
export function cachingStatements(database: Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, Statement>()
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = cache.get(sql)
      if (cached && !cached.busy) {
        cache.delete(sql)
        cache.set(sql, cached)
        return cached
      }
      const stmt = database.prepare(sql)
      if (!cached) {
        cache.set(sql, stmt)
        if (cache.size > capacity) cache.delete(cache.keys().next().value!)
      }
      return stmt
    },
  }
}
