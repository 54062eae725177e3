import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { customerSummary } from '../contacts/index.js'
import { findFirstBinding } from '../verification/index.js'
import { findBirthYearOfCustomer } from './contact-fit.repository.js'
import type { ContactFit } from './ranking-rules.js'

const UNKNOWN: ContactFit = {
  known: false,
  segment: null,
  riskLevel: null,
  riskExpired: false,
  age: null,
  tags: [],
  holdingTypes: new Set(),
  maturingDeposit: false,
}

/** What the ranking rules may know about the contact: the bound CRM customer, if any. */
export async function loadContactFit(
  db: Kysely<Database>,
  externalUserId: string | undefined,
  now: Date,
): Promise<ContactFit> {
  if (!externalUserId) return UNKNOWN
  const binding = await findFirstBinding(db, externalUserId)
  if (!binding) return UNKNOWN
  const [summary, birth] = await Promise.all([
    customerSummary(db, binding.cif_no, true, now),
    findBirthYearOfCustomer(db, binding.cif_no),
  ])
  if (!summary) return UNKNOWN
  return {
    known: true,
    segment: summary.segment,
    riskLevel: summary.riskLevel,
    riskExpired: summary.riskExpired,
    age: birth ? now.getUTCFullYear() - Number(birth.birth_year) : null,
    tags: summary.tags,
    holdingTypes: new Set(summary.holdings.map((h) => h.productType)),
    maturingDeposit: summary.maturities.some((m) => m.productType === 'time_deposit'),
  }
}
