/** Chinese names the server writes into messages, exports and the bulletin. */
export const SEGMENT_NAMES: Record<string, string> = {
  private: '私行',
  wealth: '财富',
  vip: '贵宾',
  payroll: '代发',
  mass: '大众',
}

export const TASK_KIND_NAMES: Record<string, string> = {
  moment: '朋友圈任务',
  mass_send: '群发任务',
  friend_add: '加好友目标',
  verification: '认证目标',
  reply: '回复要求',
}
