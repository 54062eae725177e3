import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'

type Q = Kysely<Database>

const CUSTOMER_COLUMNS = [
  'customers.cif_no',
  'customers.name',
  'customers.phone_enc',
  'customers.id_no_enc',
  'customers.pii_key_id',
  'customers.segment',
  'customers.aum_cents',
  'customers.risk_level',
  'customers.risk_assessed_at',
  'customers.tags',
  'customers.has_account',
] as const

// The sidebar's hot path: built and compiled once; the owner comes in the same round trip as the customer.
const customerWithOwner = preparedQuery<{ cifNo: string }, CustomerWithOwner>((db, param) =>
  db
    .selectFrom('customers')
    .leftJoin('staff', 'staff.id', 'customers.owner_staff_id')
    .leftJoin('branches', 'branches.id', 'staff.branch_id')
    .select([...CUSTOMER_COLUMNS, 'staff.name as ownerName', 'branches.name as ownerBranchName'])
    .where('customers.cif_no', '=', param('cifNo')),
)
type CustomerWithOwner = Pick<
  Selectable<Database['customers']>,
  'cif_no' | 'name' | 'phone_enc' | 'id_no_enc' | 'pii_key_id' | 'segment' | 'aum_cents' | 'risk_level'
> &
  Pick<Selectable<Database['customers']>, 'risk_assessed_at' | 'tags' | 'has_account'> & {
    ownerName: string | null
    ownerBranchName: string | null
  }

const holdingsOf = preparedQuery<
  { cifNo: string },
  { product_type: string; amount_cents: number; maturity_date: string | null }
>((db, param) =>
  db
    .selectFrom('holdings')
    .select(['product_type', 'amount_cents', 'maturity_date'])
    .where('cif_no', '=', param('cifNo')),
)

/** The CRM customer with its owner's name and branch. */
export async function findCustomerWithOwner(db: Q, cifNo: string): Promise<CustomerWithOwner | undefined> {
  return customerWithOwner.executeTakeFirst(db, { cifNo })
}

export async function listHoldingsOf(db: Q, cifNo: string) {
  return holdingsOf.execute(db, { cifNo })
}

/** The customer's phone and ID number as stored (sealed), for a reveal. */
export async function findCustomerSealedPii(db: Q, cifNo: string) {
  return db
    .selectFrom('customers')
    .select(['cif_no', 'pii_key_id', 'phone_enc', 'id_no_enc'])
    .where('cif_no', '=', cifNo)
    .executeTakeFirst()
}
