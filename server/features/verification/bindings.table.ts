export interface BindingsTable {
  id: number
  external_userid: string
  cif_no: string
  staff_userid: string
  verified_at: string
  method: 'link' | 'app'
  verification_id: string | null
  /** Where the customer verified from (the verification's IP province): the out-of-province rule counts it. */
  ip_province: string | null
}
