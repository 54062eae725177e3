/** One customer handover WeCom accepted (在职转接 `onjob` or 离职继承 `resigned`), as the simulator keeps it. */
export interface SimTransfersTable {
  id: number
  kind: 'onjob' | 'resigned'
  handover_userid: string
  takeover_userid: string
  external_userid: string
  /** transfer_result status: 1 接替完毕, 2 等待接替, 3 客户拒绝, 4 接替成员客户达到上限 */
  status: number
  /** epoch seconds */
  requested_at: number
  /** epoch seconds: the automatic takeover 24 h after the request (what transfer_result reports while waiting) */
  takeover_time: number
  /** Simulator control: 1 = the takeover member will be at the customer limit when the 24 h are up. */
  refuse: number
}
