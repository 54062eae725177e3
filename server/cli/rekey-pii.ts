import { openDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { rekeyCustomerPii } from '../features/crm/rekey.service.js'
import { piiOf } from '../lib/pii.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// npm run rekey-pii: after putting a new key first in PII_ENCRYPTION_KEYS (old keys kept after it),
// or after changing PII_HASH_KEY. Remove an old key only once this has finished.
const config = loadConfigOrExit()
const pii = piiOf(config)
const db = await openDb(config.databaseUrl, config.database)
try {
  await migrateToLatest(db, { pii })
  process.stdout.write(`Re-encrypting customer phone and ID numbers under key ${pii.activeKeyId} (${db.dialect})…\n`)
  const started = performance.now()
  const count = await rekeyCustomerPii(db.kysely, pii)
  const left = await db.kysely
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pii_key_id', '!=', pii.activeKeyId)
    .executeTakeFirstOrThrow()
  process.stdout.write(
    `Done: ${count} customers rewritten in ${((performance.now() - started) / 1000).toFixed(1)} s; ${Number(left.n)} still under another key.\n`,
  )
  if (Number(left.n) > 0) process.exitCode = 1
} finally {
  await db.close()
}
