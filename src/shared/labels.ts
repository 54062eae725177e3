import type { Me } from '@contracts/session'

export const ROLE_LABELS: Record<Me['role'], string> = {
  front: '前台 · 客户经理',
  middle: '中台',
  supervisor: '管理者',
  admin: '系统管理员',
}

export const SEGMENT_LABELS: Record<string, string> = {
  private: '私行',
  wealth: '财富',
  vip: '贵宾',
  payroll: '代发',
  mass: '大众',
}

export const PRODUCT_LABELS: Record<string, string> = {
  demand_deposit: '活期',
  time_deposit: '定期',
  wealth: '理财',
  fund: '基金',
  insurance: '保险',
  gold: '黄金',
  fx: '外汇',
}

export const VERIFICATION_LABELS: Record<string, string> = {
  none: '未发送',
  sent: '已发送',
  opened: '已打开',
  verified: '已认证',
  failed: '认证失败',
  expired: '已过期',
}

/** 2026-11-23T08:05:00.000Z → 11-23 16:05 (Beijing time, which is what staff read). */
export function shortTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
