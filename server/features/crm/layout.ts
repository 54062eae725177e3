import { CellReader, type CellError } from './cells.js'
import { FORMATS, type EntityFormat } from './formats.js'
import type { CrmEntity, CrmRecords } from './records.js'

/** How one file's (or sheet's) header maps onto an entity's columns. */
export interface TableLayout<E extends CrmEntity = CrmEntity> {
  format: EntityFormat<E>
  /** Column key per position in the file; undefined for columns we don't use. */
  keys: readonly (string | undefined)[]
  /** The header text the file used for a key, for error messages. */
  label(key: string): string
}

/** Detection looks for the entity's own id column; the order matters (holdings also carry cif_no). */
const DETECT_ORDER: readonly CrmEntity[] = ['purchases', 'holdings', 'staff', 'customers', 'branches']

const norm = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase()

/** Picks the entity by its id column (English or Chinese name) and checks every required column is there. */
export function detectLayout(header: readonly string[]): TableLayout | { problem: string } {
  const names = header.map(norm)
  for (const entity of DETECT_ORDER) {
    const format = FORMATS[entity] as EntityFormat
    const position = new Map<string, number>()
    for (const c of format.columns) {
      const at = names.findIndex((n) => n === norm(c.key) || n === norm(c.zh))
      if (at >= 0) position.set(c.key, at)
    }
    if (!position.has(format.keyColumn)) continue
    const missing = format.columns.filter((c) => c.required && !position.has(c.key)).map((c) => `${c.zh}(${c.key})`)
    if (missing.length) return { problem: `识别为${format.zh}文件，但缺少必填列：${missing.join('、')}` }
    const keys: (string | undefined)[] = header.map(() => undefined)
    for (const [key, at] of position) keys[at] = key
    return { format, keys, label: (key) => header[position.get(key) ?? -1]?.trim() || key }
  }
  return {
    problem:
      '无法识别文件类型：表头中没有 机构号/员工号/客户号/持仓编号/交易流水号 之一（详见 docs/crm-integration.md）',
  }
}

export type RowResult<E extends CrmEntity> =
  { record: CrmRecords[E]; errors?: undefined } | { record?: undefined; errors: CellError[] }

/** Parses one data row; a row with the wrong number of cells is one error, not a misaligned record. */
export function parseRow<E extends CrmEntity>(layout: TableLayout<E>, values: readonly string[]): RowResult<E> {
  if (values.length !== layout.keys.length) {
    return {
      errors: [
        {
          column: '(整行)',
          reason: `列数为 ${values.length}，与表头的 ${layout.keys.length} 列不一致（文件可能被截断）`,
        },
      ],
    }
  }
  const cells: Record<string, string> = {}
  layout.keys.forEach((key, i) => {
    if (key) cells[key] = values[i]!
  })
  return parseCells(layout.format, cells, layout.label)
}

/** Parses a record given as column key → value (the pull contract's items use this shape). */
export function parseCells<E extends CrmEntity>(
  format: EntityFormat<E>,
  cells: Record<string, string>,
  label: (key: string) => string = (k) => k,
): RowResult<E> {
  const reader = new CellReader(cells, label)
  const record = format.parse(reader)
  return reader.errors.length ? { errors: reader.errors } : { record }
}
