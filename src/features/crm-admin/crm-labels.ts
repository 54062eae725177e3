import type { CrmEntityName, CrmRun } from '@contracts/crm'

export const ENTITY_LABELS: Record<CrmEntityName, string> = {
  branches: '机构',
  staff: '员工',
  customers: '客户',
  holdings: '持仓',
  purchases: '购买记录',
}

export const STATUS_LABELS: Record<
  CrmRun['status'],
  { text: string; type: 'primary' | 'success' | 'danger' | 'warning' }
> = {
  running: { text: '进行中', type: 'primary' },
  succeeded: { text: '成功', type: 'success' },
  rejected: { text: '未通过校验', type: 'warning' },
  failed: { text: '失败', type: 'danger' },
}

export const TRIGGER_LABELS: Record<CrmRun['trigger'], string> = {
  cli: '命令行导入',
  upload: '页面上传',
  manual: '手动同步',
  nightly: '夜间同步',
}

/** "客户 新增 2 · 更新 1 · 未变 40 · 出错 1" per entity, skipping zeros. */
export function countsText(run: CrmRun): string[] {
  return Object.entries(run.counts).map(([entity, c]) => {
    const parts = [
      ['新增', c.inserted],
      ['更新', c.updated],
      ['未变', c.unchanged],
      ['出错', c.invalid],
    ]
      .filter(([, n]) => n)
      .map(([k, n]) => `${k} ${n}`)
    return `${ENTITY_LABELS[entity as CrmEntityName]} ${parts.join(' · ') || '无记录'}`
  })
}
