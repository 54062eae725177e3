import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Pii } from '../../lib/pii.js'
import { customerPiiPage, updateCustomerPii } from './customer-pii.repository.js'
import { sealCustomerPii } from './entity-tables.js'

const PAGE = 1000

/**
 * Key rotation: decrypts every customer's phone and ID number with whichever configured key sealed
 * them and seals them again under the active key, recomputing the hashes with the current hash key
 * (so the hash key rotates the same way). Page by page, each in its own transaction: safe to stop
 * and run again. Returns how many customers were rewritten.
 */
export async function rekeyCustomerPii(
  db: Kysely<Database>,
  pii: Pii,
  onPage?: (done: number) => void,
): Promise<number> {
  let done = 0
  for (let after = ''; ;) {
    const rows = await customerPiiPage(db, after, PAGE)
    if (!rows.length) return done
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const sealed = sealCustomerPii(
          pii,
          r.cif_no,
          pii.decrypt('phone', r.cif_no, r.pii_key_id, r.phone_enc),
          pii.decrypt('id_no', r.cif_no, r.pii_key_id, r.id_no_enc),
        )
        const same =
          r.pii_key_id === sealed.pii_key_id && r.phone_hash === sealed.phone_hash && r.id_no_hash === sealed.id_no_hash
        if (same) continue
        await updateCustomerPii(trx, r.cif_no, sealed)
        done++
      }
    })
    after = rows.at(-1)!.cif_no
    onPage?.(done)
  }
}
