import { METRICS, type MetricDef } from '../../../contracts/metrics.js'
import type { ProcessView } from '../../../contracts/process.js'
import { ELIGIBLE_COLUMNS, PROCESS_COLUMNS } from './columns.js'

const esc = (s: unknown) => String(s ?? '-').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const table = (head: string[], rows: unknown[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`

/** The printable weekly bulletin (周通报): process numbers, eligible adds, and the guidance for each gap. */
export function bulletinHtml(v: ProcessView): string {
  const all = [...v.rows, v.total]
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>周通报 · ${esc(v.node.name)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#111}h1{font-size:20px}h2{font-size:16px;margin-top:20px}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#f3f4f6}li{margin:4px 0;font-size:13px}.hint{color:#666;font-size:12px}@media print{.hint{display:none}}</style></head><body>
<p class="hint">打印：浏览器菜单 → 打印（Ctrl+P）</p>
<h1>${esc(v.node.name)} 企业微信经营周通报（${esc(v.period.from)} 至 ${esc(v.period.to)}）</h1>
<p>行为数据同步至 ${esc(v.syncedUntil ?? '尚未同步')}；汇总更新于 ${esc(v.freshness.rollupsUpdatedAt ?? '尚未')}${v.freshness.updating ? '（正在更新，数字可能变化）' : ''}。前台看过程，中台看结果；以下为过程指标，口径见指标说明。</p>
<h2>过程指标</h2>${table(
    PROCESS_COLUMNS.map(([h]) => h),
    all.map((r) => PROCESS_COLUMNS.map(([, f]) => f(r))),
  )}
<h2>计入考核的新增客户（各规则分别计数）</h2>${table(
    ['机构/员工', ...ELIGIBLE_COLUMNS.map(([h]) => h)],
    all.map((r) => [r.name, ...ELIGIBLE_COLUMNS.map(([, f]) => f(r))]),
  )}
<h2>督导建议</h2><ul>${v.guidance.map((g) => `<li><b>${esc(g.staffName)}</b>：${esc(g.message)} → ${esc(g.action)}</li>`).join('') || '<li>本周无落后项</li>'}</ul>
<h2>指标口径</h2><ul>${Object.values(METRICS as Record<string, MetricDef>)
    .map((m) => `<li><b>${esc(m.label)}</b>：${esc(m.definition)}（${esc(m.timeBasis)}）</li>`)
    .join('')}</ul>
</body></html>`
}
