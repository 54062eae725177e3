import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'

/**
 * Takes the database lock for `job` unless another holder's lease is still running. One atomic
 * upsert on both SQLite and PostgreSQL: a live lease is never overwritten, an expired one is.
 */
export async function acquireJobLock(
  db: Kysely<Database>,
  job: string,
  holder: string,
  leaseMs: number,
  now: Date,
): Promise<boolean> {
  const expiresAt = now.getTime() + leaseMs
  await db
    .insertInto('job_locks')
    .values({ job, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc.column('job').doUpdateSet({ holder, expires_at: expiresAt }).where('job_locks.expires_at', '<', now.getTime()),
    )
    .execute()
  const row = await db.selectFrom('job_locks').select('holder').where('job', '=', job).executeTakeFirst()
  return row?.holder === holder
}

export async function releaseJobLock(db: Kysely<Database>, job: string, holder: string): Promise<void> {
  await db.deleteFrom('job_locks').where('job', '=', job).where('holder', '=', holder).execute()
}
