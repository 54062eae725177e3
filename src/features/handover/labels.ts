import type { TransferStatus } from '@contracts/handover'

/** The transfer states as WeCom reports them, in the words the supervisor reads. */
export const TRANSFER_STATUS: Record<
  TransferStatus,
  { label: string; tag: 'primary' | 'success' | 'danger' | 'warning' | 'default' }
> = {
  waiting: { label: '等待接替（24 小时）', tag: 'primary' },
  accepted: { label: '已接替', tag: 'success' },
  refused: { label: '客户拒绝', tag: 'danger' },
  limit_reached: { label: '接替成员客户数已达上限', tag: 'warning' },
  rejected: { label: '企业微信未受理', tag: 'danger' },
  no_record: { label: '无接替记录', tag: 'default' },
}
