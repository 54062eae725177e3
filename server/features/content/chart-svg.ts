import type { SeriesPoint } from './market-series.repository.js'

export interface ChartSpec {
  name: string
  windowDays: number
  decimals: number
  points: SeriesPoint[]
}

const W = 720
const H = 480
const PLOT = { left: 84, right: 692, top: 124, bottom: 392 }
// Chinese market convention: red is up, green is down.
const UP = '#d0352b'
const DOWN = '#1a9a53'
const FONT = `font-family="Noto Sans CJK SC, sans-serif"`

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

function windowLabel(days: number): string {
  if (days >= 360) return `近 ${Math.round(days / 365)} 年`
  if (days >= 28) return `近 ${Math.round(days / 30)} 个月`
  return `近 ${days} 天`
}

/** A line chart of closes with the data date stamped on it; text is in the customer's language. */
export function buildChartSvg(spec: ChartSpec): string {
  const pts = spec.points
  if (pts.length < 2) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/><text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="26" fill="#999" ${FONT}>${esc(spec.name)} 暂无行情数据</text></svg>`
  }
  const closes = pts.map((p) => p.close)
  const lo = Math.min(...closes)
  const hi = Math.max(...closes)
  const pad = (hi - lo) * 0.08 || hi * 0.01
  const [yMin, yMax] = [lo - pad, hi + pad]
  const x = (i: number) => PLOT.left + ((PLOT.right - PLOT.left) * i) / (pts.length - 1)
  const y = (v: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * (v - yMin)) / (yMax - yMin)
  const first = pts[0]!
  const last = pts[pts.length - 1]!
  const change = (last.close - first.close) / first.close
  const color = change >= 0 ? UP : DOWN
  const line = pts.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.close).toFixed(1)}`).join('')
  const area = `${line}L${PLOT.right},${PLOT.bottom}L${PLOT.left},${PLOT.bottom}Z`
  const grid = [0, 1, 2, 3, 4].map((k) => {
    const v = yMin + ((yMax - yMin) * k) / 4
    return (
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eceef2"/>` +
      `<text x="${PLOT.left - 8}" y="${(y(v) + 5).toFixed(1)}" text-anchor="end" font-size="15" fill="#8a8f99" ${FONT}>${v.toFixed(v >= 1000 ? 0 : spec.decimals)}</text>`
    )
  })
  const synthetic = pts.some((p) => p.synthetic)
  const sign = change >= 0 ? '+' : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="32" y="52" font-size="30" font-weight="bold" fill="#1f2329" ${FONT}>${esc(spec.name)}</text>
<text x="32" y="90" font-size="20" fill="#646a73" ${FONT}>${windowLabel(spec.windowDays)} · 最新 ${last.close.toFixed(spec.decimals)}</text>
<text x="${W - 32}" y="90" text-anchor="end" font-size="24" font-weight="bold" fill="${color}" ${FONT}>${sign}${(change * 100).toFixed(2)}%</text>
${grid.join('\n')}
<path d="${area}" fill="${color}" fill-opacity="0.08"/>
<path d="${line}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"/>
<text x="${PLOT.left}" y="${PLOT.bottom + 26}" font-size="15" fill="#8a8f99" ${FONT}>${first.date}</text>
<text x="${PLOT.right}" y="${PLOT.bottom + 26}" text-anchor="end" font-size="15" fill="#8a8f99" ${FONT}>${last.date}</text>
<line x1="0" x2="${W}" y1="${H - 44}" y2="${H - 44}" stroke="#eceef2"/>
<text x="32" y="${H - 16}" font-size="17" fill="#1f2329" ${FONT}>数据截至 ${last.date}</text>
<text x="${W - 32}" y="${H - 16}" text-anchor="end" font-size="15" fill="#8a8f99" ${FONT}>${synthetic ? '演示数据，为模拟生成 · ' : ''}仅供参考，不构成投资建议</text>
</svg>`
}

const TOPIC_COLORS: Record<string, string> = {
  fund: '#3370ff',
  gold: '#c98a0b',
  fx: '#0f9d9a',
  insurance: '#7b61ff',
  wealth: '#d0352b',
  deposit: '#1a9a53',
  loan: '#e8590c',
  general: '#4e5969',
}

/** The square thumbnail of an article's news card: the topic in large type on its colour. */
export function buildCoverSvg(topicLabel: string, topic: string): string {
  const color = TOPIC_COLORS[topic] ?? TOPIC_COLORS.general
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" rx="24" fill="${color}"/>
<text x="120" y="134" text-anchor="middle" font-size="${topicLabel.length > 2 ? 44 : 60}" font-weight="bold" fill="#fff" ${FONT}>${esc(topicLabel)}</text>
<text x="120" y="196" text-anchor="middle" font-size="22" fill="#ffffff" fill-opacity="0.85" ${FONT}>顾问精选</text></svg>`
}
