import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { purgeExpired } from '../features/privacy/purge.service.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// Deletes raw callbacks, events and audit entries past the retention set in the console (rollups stay).
const config = loadConfigOrExit()
const db = await openDb(config.databaseUrl, config.database)
try {
  await migrateToLatest(db, { pii: piiOf(config) })
  const deleted = await purgeExpired(db.kysely, new Date())
  process.stdout.write(
    `Purged: ${deleted.callbacks} callbacks, ${deleted.welcomeSends} welcome sends, ${deleted.events} events, ${deleted.audit} audit entries.\n`,
  )
} finally {
  await db.close()
}
