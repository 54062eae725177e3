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
  /** Set once the relation was handed over (继承): the member who originally added the customer. */
  added_by: string | null
  updated_at: string
}
