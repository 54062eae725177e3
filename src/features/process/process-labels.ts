/** Chinese labels of the process and results views. */
export const RULE_LABELS: Record<string, string> = {
  verified: '已实名认证',
  has_account: '在本行开户',
  in_book: '本人管户',
  first_add: '全行首次添加',
  out_of_province: '省外占比 ≤ 20%',
}
export const VERDICT_LABELS: Record<string, string> = {
  pass: '通过',
  fail: '不通过',
  flagged: '待复核',
  unknown: '待认证后判断',
}
export const FLAG_LABELS: Record<string, string> = {
  peer_bank_contact: '疑似同业互加',
  added_by_several_staff: '多名员工添加',
  add_burst: '短时集中添加',
}
export const TASK_KIND_LABELS: Record<string, string> = {
  moment: '朋友圈任务',
  mass_send: '群发任务',
  friend_add: '加好友目标',
  verification: '认证目标',
  reply: '回复要求',
}
export const PERIOD_LABELS = { day: '日', week: '周', month: '月' } as const
export const SYNC_JOB_LABELS: Record<string, string> = { behaviour: '行为数据', tasks: '任务结果', rollups: '日汇总' }
export const SYNC_STATUS_LABELS: Record<string, string> = {
  running: '进行中',
  succeeded: '成功',
  failed: '失败',
  skipped: '已由其他实例执行',
}

export const pct = (a: number, b: number): string => (b ? `${Math.round((a / b) * 100)}%` : '-')
