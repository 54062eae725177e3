export type Segment = 'private' | 'wealth' | 'vip' | 'payroll' | 'mass'
export type ProductType = 'demand_deposit' | 'time_deposit' | 'wealth' | 'fund' | 'insurance' | 'gold' | 'fx'

export interface CustomersTable {
  cif_no: string
  name: string
  phone: string
  id_no: string
  birth_year: number
  gender: 'M' | 'F'
  segment: Segment
  /** Assets under management in cents (fen). */
  aum_cents: number
  risk_level: 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | null
  /** ISO date of the last risk assessment; valid for one year. */
  risk_assessed_at: string | null
  owner_staff_id: string | null
  branch_id: string
  /** 1 when the customer holds an account at the bank. */
  has_account: number
  province: string
  /** JSON array of tag strings. */
  tags: string
}

export interface HoldingsTable {
  id: number
  cif_no: string
  product_type: ProductType
  amount_cents: number
  opened_at: string
  maturity_date: string | null
}
