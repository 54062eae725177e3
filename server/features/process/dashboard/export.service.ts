import ExcelJS from 'exceljs'
import { GUIDANCE_METRIC_LABELS, METRICS, UNTRACKABLE } from '../../../contracts/metrics.js'
import type { DashboardQueryT } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { xlsxSafeRow } from '../../../lib/csv.js'
import { TASK_KIND_NAMES } from '../labels.js'
import { coverageColumns, ELIGIBLE_COLUMNS, PROCESS_COLUMNS } from './columns.js'
import { processView } from './dashboard.service.js'
import { resultsView } from './results.service.js'

/** The dashboard's views as a workbook, built from the very objects the API returns (same numbers). */
export async function exportWorkbook(
  ctx: AppContext,
  viewer: SessionStaff,
  q: DashboardQueryT,
): Promise<{ buffer: Buffer; filename: string }> {
  const [view, results] = await Promise.all([processView(ctx, viewer, q), resultsView(ctx, viewer, q)])
  const wb = new ExcelJS.Workbook()
  wb.creator = '企微顾问台'
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name)
    ws.addRow(xlsxSafeRow(header)).font = { bold: true }
    for (const r of rows) ws.addRow(xlsxSafeRow(r))
    ws.columns.forEach((c) => {
      c.width = 14
    })
  }
  const all = [...view.rows, view.total]
  sheet(
    '过程指标',
    PROCESS_COLUMNS.map(([h]) => h),
    all.map((r) => PROCESS_COLUMNS.map(([, f]) => f(r))),
  )
  sheet(
    '计入考核',
    ['机构/员工', ...ELIGIBLE_COLUMNS.map(([h]) => h)],
    all.map((r) => [r.name, ...ELIGIBLE_COLUMNS.map(([, f]) => f(r))]),
  )
  const cov = coverageColumns()
  sheet(
    '分层覆盖',
    ['机构/员工', ...cov.map(([h]) => h)],
    all.map((r) => [r.name, ...cov.map(([, f]) => f(r))]),
  )
  sheet(
    '督导建议',
    ['员工', '指标', '情况', '下一步'],
    view.guidance.map((g) => [g.staffName, GUIDANCE_METRIC_LABELS[g.metric], g.message, g.action]),
  )
  sheet(
    '内容结果',
    [
      '内容',
      '作者',
      '发送',
      '可追踪',
      '打开',
      '咨询',
      `${METRICS.contentOpenRate.label}%`,
      METRICS.contentConversions.label,
    ],
    results.content.map((c) => [
      c.title,
      c.author,
      c.sent,
      c.trackable,
      c.opened,
      c.inquiries,
      c.openRate ?? UNTRACKABLE,
      c.conversions,
    ]),
  )
  sheet(
    '任务结果',
    ['任务', '类型', '下达', '完成', '完成率%'],
    results.tasks.map((t) => [t.title, TASK_KIND_NAMES[t.kind] ?? t.kind, t.assigned, t.done, t.doneRate]),
  )
  sheet(
    '好友通过率',
    ['机构/员工', METRICS.friendRequests.label, '员工发起并通过', `${METRICS.staffRequestPassRate.label}%`],
    results.passRate.map((p) => [p.name, p.friendRequests, p.accepted, p.rate]),
  )
  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  return { buffer, filename: `经营看板-${view.node.name}-${view.period.from}至${view.period.to}.xlsx` }
}
