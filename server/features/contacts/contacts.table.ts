export interface WecomContactsTable {
  id: number
  staff_userid: string
  external_userid: string
  name: string
  avatar: string
  /** 1 WeChat user, 2 WeCom user of another corp. */
  type: number
  corp_name: string | null
  gender: number
  add_time: string
  add_way: number
  state: string | null
  remark: string | null
  deleted_at: string | null
  deleted_by: 'staff' | 'customer' | null
  updated_at: string
}

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
