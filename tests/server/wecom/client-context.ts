import { loadConfig } from '../../../server/config.js'
import type { AppContext } from '../../../server/lib/context.js'
import { createLogger } from '../../../server/lib/logger.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

/** An AppContext over a fresh database with a movable clock, for testing services without HTTP. */
export async function createClientContext(
  apiBase: string,
): Promise<{ ctx: AppContext; testDb: TestDb; setNow(d: Date): void }> {
  const testDb = await createTestDb()
  let now = new Date('2025-03-03T02:00:00Z')
  const config = loadConfig({ DEMO: '1', PORT: '0', DATABASE_URL: testDb.url, WECOM_API_BASE: apiBase })
  const ctx: AppContext = { config, db: testDb.db, logger: createLogger('silent'), now: () => now }
  return {
    ctx,
    testDb,
    setNow: (d) => {
      now = d
    },
  }
}
