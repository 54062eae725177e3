/** A customer group (客户群) in the simulated corp. */
export interface SimGroupsTable {
  chat_id: string
  name: string
  /** userid of the group owner (群主) */
  owner: string
  /** epoch seconds */
  create_time: number
  notice: string
  /** 0 normal, 1 owner left, 2 handover in progress, 3 handover done */
  status: number
}

export interface SimGroupMembersTable {
  chat_id: string
  /** A member's userid (type 1) or a customer's external_userid (type 2). */
  userid: string
  /** 1 enterprise member, 2 external contact */
  type: number
  /** epoch seconds */
  join_time: number
  /** 1 invited directly, 2 via an invite link, 3 scanned the group QR code */
  join_scene: number
  /** userid of the inviting member, when a member invited them */
  invitor: string | null
  group_nickname: string
}
