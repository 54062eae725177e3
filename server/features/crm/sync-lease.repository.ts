import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { deleteKv, readKv } from '../../lib/kv.repository.js'

type Q = Kysely<Database>

const LEASE_KEY = 'crm-sync-lease'

/** Takes or renews the sync lease until `expiresAt` unless another holder's is still running; whether it did. */
export async function takeSyncLease(db: Q, holder: string, expiresAt: number, now: number): Promise<boolean> {
  const r = await db
    .insertInto('kv')
    .values({ key: LEASE_KEY, value: holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('kv.expires_at', '<', now), eb('kv.value', '=', holder)])),
    )
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function releaseSyncLease(db: Q, holder: string): Promise<void> {
  await deleteKv(db, LEASE_KEY, holder)
}

/** When the current sync lease expires (epoch ms), if one was ever taken. */
export async function syncLeaseExpiry(db: Q): Promise<number | undefined> {
  const lease = await readKv(db, LEASE_KEY)
  return lease ? Number(lease.expires_at) : undefined
}
