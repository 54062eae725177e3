import type { Generated } from 'kysely'

export type Segment = 'private' | 'wealth' | 'vip' | 'payroll' | 'mass'
export type ProductType = 'demand_deposit' | 'time_deposit' | 'wealth' | 'fund' | 'insurance' | 'gold' | 'fx'

export interface CustomersTable {
  cif_no: string
  name: string
  /** AES-256-GCM ciphertext (base64) of the phone number under key `pii_key_id`; never plain text. */
  phone_enc: string
  /** HMAC of the normalised phone number, for verification matching. */
  phone_hash: string
  id_no_enc: string
  id_no_hash: string
  pii_key_id: string
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
  /** Keyed hash of the record as last imported or synced; equal → nothing to write. */
  crm_fingerprint: string | null
  updated_at: string | null
}

export interface HoldingsTable {
  id: number
  /** The bank's own position id; null for rows written before imports carried one. */
  holding_no: string | null
  cif_no: string
  product_type: ProductType
  amount_cents: number
  opened_at: string
  maturity_date: string | null
  crm_fingerprint: string | null
}

/** Product purchases from the CRM, for conversion attribution. */
export interface PurchasesTable {
  purchase_no: string
  cif_no: string
  product_type: ProductType
  product_code: string
  product_name: string
  amount_cents: number
  purchased_at: string
  /** Employee credited with the sale, if the CRM knows one. */
  staff_id: string | null
  channel: string
  crm_fingerprint: string | null
}

export interface CustomerOwnerChangesTable {
  id: Generated<number>
  cif_no: string
  from_staff_id: string | null
  to_staff_id: string | null
  changed_at: string
  run_id: string
}

export type CrmRunKind = 'file' | 'http'
export type CrmRunTrigger = 'cli' | 'upload' | 'manual' | 'nightly'
export type CrmRunStatus = 'running' | 'succeeded' | 'rejected' | 'failed'

export interface CrmRunsTable {
  id: string
  kind: CrmRunKind
  trigger: CrmRunTrigger
  dry_run: number
  status: CrmRunStatus
  /** File names or the pull source's host; never a token. */
  source: string
  actor_staff_id: string | null
  started_at: string
  finished_at: string | null
  /** JSON: per entity { inserted, updated, unchanged, invalid }. */
  counts: string
  error_count: number
  message: string | null
}

export interface CrmRunErrorsTable {
  id: Generated<number>
  run_id: string
  /** File name (and sheet), or `entity@cursor` for a pulled page. */
  source: string
  row_no: number
  column_name: string
  reason: string
}

export interface CrmSyncStateTable {
  entity: string
  cursor: string | null
  updated_at: string
}

export interface CrmImportSeenTable {
  run_id: string
  entity: string
  key: string
  row_no: number
  /** File (and sheet) the key was first seen in. */
  origin: string
}

/** The CRM feature's tables besides customers and holdings. */
export interface CrmTables {
  purchases: PurchasesTable
  customer_owner_changes: CustomerOwnerChangesTable
  crm_runs: CrmRunsTable
  crm_run_errors: CrmRunErrorsTable
  crm_sync_state: CrmSyncStateTable
  crm_import_seen: CrmImportSeenTable
}
