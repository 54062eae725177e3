import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { findCurrentOwner, firstOwnerChangeAfter } from './owner-history.repository.js'

/**
 * The employee who owned a customer at `at`: the `from` of the first transfer after that moment,
 * else today's owner. Reports use it so a transfer moves the customer from its date on only.
 */
export async function ownerAt(db: Kysely<Database>, cifNo: string, at: Date): Promise<string | null> {
  const later = await firstOwnerChangeAfter(db, cifNo, at.toISOString())
  if (later) return later.from_staff_id
  const current = await findCurrentOwner(db, cifNo)
  return current?.owner_staff_id ?? null
}
