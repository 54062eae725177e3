import type { Me } from '@contracts/session'

export const ROLE_LABELS: Record<Me['role'], string> = {
  front: '前台 · 客户经理',
  middle: '中台',
  supervisor: '管理者',
}
