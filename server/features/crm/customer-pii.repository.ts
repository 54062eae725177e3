import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { sealCustomerPii } from './entity-tables.js'

type Q = Kysely<Database>

/** The sealed phone and ID number of the customers after `afterCifNo`, in CIF order. */
export async function customerPiiPage(db: Q, afterCifNo: string, limit: number) {
  return db
    .selectFrom('customers')
    .select(['cif_no', 'pii_key_id', 'phone_enc', 'id_no_enc', 'phone_hash', 'id_no_hash'])
    .where('cif_no', '>', afterCifNo)
    .orderBy('cif_no')
    .limit(limit)
    .execute()
}

export async function updateCustomerPii(db: Q, cifNo: string, sealed: ReturnType<typeof sealCustomerPii>) {
  await db.updateTable('customers').set(sealed).where('cif_no', '=', cifNo).execute()
}
