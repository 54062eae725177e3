import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

/**
 * The employee who owned a customer at `at`: the `from` of the first transfer after that moment,
 * else today's owner. Reports use it so a transfer moves the customer from its date on only.
 */
export async function ownerAt(db: Kysely<Database>, cifNo: string, at: Date): Promise<string | null> {
  const later = await db
    .selectFrom('customer_owner_changes')
    .select('from_staff_id')
    .where('cif_no', '=', cifNo)
    .where('changed_at', '>', at.toISOString())
    .orderBy('changed_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  if (later) return later.from_staff_id
  const current = await db
    .selectFrom('customers')
    .select('owner_staff_id')
    .where('cif_no', '=', cifNo)
    .executeTakeFirst()
  return current?.owner_staff_id ?? null
}
