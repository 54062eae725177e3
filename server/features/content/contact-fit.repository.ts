import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

export async function findBirthYearOfCustomer(db: Kysely<Database>, cifNo: string) {
  return db.selectFrom('customers').select('birth_year').where('cif_no', '=', cifNo).executeTakeFirst()
}
