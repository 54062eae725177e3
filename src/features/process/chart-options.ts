import type { DashboardRow, ProcessView } from '@contracts/process'
import { SEGMENT_LABELS } from '@/shared/labels'

const grid = { left: 40, right: 16, top: 36, bottom: 28 }

/** Daily friend requests, new contacts, links sent and verifications. */
export function trendOption(trend: ProcessView['trend']) {
  const series = (name: string, key: keyof ProcessView['trend'][number]) => ({
    name,
    type: 'line',
    smooth: true,
    data: trend.map((p) => p[key]),
  })
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid,
    xAxis: { type: 'category', data: trend.map((p) => p.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      series('好友请求', 'friendRequests'),
      series('新增客户', 'newContacts'),
      series('认证链接', 'linksSent'),
      series('当日认证', 'verified'),
    ],
  }
}

/** Verification funnel: sent → opened → verified, as bars so the drop-off reads at a glance. */
export function funnelOption(row: DashboardRow) {
  const n = row.numbers
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 24, top: 8, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: ['本期链接', '其中打开', '其中认证'] },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'right' },
        data: [n.linksSent, n.linksOpened, n.verified],
        itemStyle: { color: '#0e9384' },
      },
    ],
  }
}

/** Coverage per segment, as a percentage with the counts in the tooltip. */
export function coverageOption(row: DashboardRow) {
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (p: { name: string; value: number; dataIndex: number }[]) => {
        const c = row.coverage[p[0]!.dataIndex]!
        return `${p[0]!.name}：${c.covered}/${c.owned}（${p[0]!.value}%）`
      },
    },
    grid,
    xAxis: { type: 'category', data: row.coverage.map((c) => SEGMENT_LABELS[c.segment] ?? c.segment) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        data: row.coverage.map((c) => (c.owned ? Math.round((c.covered / c.owned) * 100) : 0)),
        itemStyle: { color: '#1d4ed8' },
      },
    ],
  }
}
