export interface SimPeopleTable {
  external_userid: string
  name: string
  phone: string
  gender: number
  /** 1 WeChat user, 2 WeCom user of another corp. */
  type: number
  corp_name: string | null
  avatar: string
  unionid: string | null
  province: string
}

export interface SimFollowsTable {
  userid: string
  external_userid: string
  remark: string
  description: string
  /** epoch seconds */
  createtime: number
  add_way: number
  oper_userid: string
  state: string | null
  /** JSON array of `{ group_name, tag_name, type, tag_id? }` */
  tags: string
  deleted_by_member: number
  deleted_by_customer: number
}
