import type { Kysely } from 'kysely'
import type { ContactProfile } from '../../contracts/contacts.js'
import type { Database } from '../../db/database.js'
import { maskIdNo, maskPhone } from '../../lib/masking.js'
import type { Pii } from '../../lib/pii.js'
import { aumBand, riskExpired } from './bands.js'
import { findCustomerWithOwner, listHoldingsOf } from './customer.repository.js'

type CustomerView = NonNullable<ContactProfile['customer']>

/**
 * The CRM side of the profile; `mask` hides phone and ID number (front-office roles). Phone and ID
 * number are decrypted only when `pii` is given; callers that never show them leave it out. The customer
 * and the holdings are independent reads: on PostgreSQL they go out together on the pool.
 */
export async function customerSummary(
  db: Kysely<Database>,
  cifNo: string,
  mask: boolean,
  now: Date,
  pii?: Pii,
): Promise<CustomerView | null> {
  const [c, holdings] = await Promise.all([findCustomerWithOwner(db, cifNo), listHoldingsOf(db, cifNo)])
  if (!c) return null
  const owner = c.ownerName !== null ? { name: c.ownerName, branchName: c.ownerBranchName ?? '' } : null
  const byType = new Map<string, { count: number; cents: number }>()
  for (const h of holdings) {
    const t = byType.get(h.product_type) ?? { count: 0, cents: 0 }
    byType.set(h.product_type, { count: t.count + 1, cents: t.cents + Number(h.amount_cents) })
  }
  const phone = pii?.decrypt('phone', c.cif_no, c.pii_key_id, c.phone_enc) ?? ''
  const idNo = pii?.decrypt('id_no', c.cif_no, c.pii_key_id, c.id_no_enc) ?? ''
  const today = now.toISOString().slice(0, 10)
  const in30 = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
  return {
    cifNo: c.cif_no,
    name: c.name,
    phone: mask ? maskPhone(phone) : phone,
    idNo: mask ? maskIdNo(idNo) : idNo,
    segment: c.segment,
    aumBand: aumBand(Number(c.aum_cents)),
    riskLevel: c.risk_level,
    riskAssessedAt: c.risk_assessed_at,
    riskExpired: riskExpired(c.risk_assessed_at, now),
    holdings: [...byType].map(([productType, t]) => ({ productType, count: t.count, amountBand: aumBand(t.cents) })),
    maturities: holdings
      .filter((h) => h.maturity_date && h.maturity_date >= today && h.maturity_date <= in30)
      .map((h) => ({ productType: h.product_type, maturityDate: h.maturity_date! }))
      .sort((a, b) => a.maturityDate.localeCompare(b.maturityDate)),
    owner: owner ? { name: owner.name, branchName: owner.branchName } : null,
    tags: JSON.parse(c.tags) as string[],
    hasAccount: c.has_account === 1,
  }
}
