import { MarketSymbolSchema, type CsvRowError } from '../../contracts/content.js'

export interface ParsedPoint {
  symbol: string
  date: string
  close: number
}

const HEADER = ['symbol', 'date', 'close']
const MAX_ERRORS = 50

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00.000Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/**
 * Parses `symbol,date,close` CSV (header required, UTF-8, BOM tolerated). Every bad row is reported
 * with its line number; the caller imports nothing unless `errors` is empty.
 */
export function parseMarketCsv(text: string, today: string): { points: ParsedPoint[]; errors: CsvRowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const errors: CsvRowError[] = []
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase())
  if (header.join(',') !== HEADER.join(','))
    return { points: [], errors: [{ line: 1, message: '表头应为 symbol,date,close' }] }
  const points: ParsedPoint[] = []
  const seen = new Set<string>()
  for (let i = 1; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const raw = lines[i]!.trim()
    if (!raw) continue
    const line = i + 1
    const cells = raw.split(',').map((c) => c.trim())
    if (cells.length !== 3) {
      errors.push({ line, message: `应有 3 列，实际 ${cells.length} 列` })
      continue
    }
    const [symbol, date, closeText] = cells as [string, string, string]
    if (!MarketSymbolSchema.safeParse(symbol).success) {
      errors.push({ line, message: `未知代码「${symbol}」，支持 ${MarketSymbolSchema.options.join('、')}` })
      continue
    }
    if (!validDate(date)) {
      errors.push({ line, message: `日期「${date}」无效，格式应为 YYYY-MM-DD` })
      continue
    }
    if (date > today) {
      errors.push({ line, message: `日期 ${date} 晚于今天` })
      continue
    }
    const close = Number(closeText)
    if (!/^\d+(\.\d+)?$/.test(closeText) || !(close > 0)) {
      errors.push({ line, message: `收盘价「${closeText}」应为正数` })
      continue
    }
    const key = `${symbol}|${date}`
    if (seen.has(key)) {
      errors.push({ line, message: `${symbol} ${date} 重复出现` })
      continue
    }
    seen.add(key)
    points.push({ symbol, date, close })
  }
  if (!points.length && !errors.length) errors.push({ line: 1, message: '文件中没有数据行' })
  return { points, errors }
}
