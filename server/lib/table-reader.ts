import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { limitErrors, UnreadableFileError, UPLOAD_LIMITS as L, UploadLimitError } from './upload-limits.js'
import { guardXlsx } from './zip-guard.js'

/** One table of a file: a CSV file, or one sheet of a workbook. Rows stream; nothing is held whole. */
export interface SourceTable {
  /** File name, plus ` / 工作表名` for a workbook sheet. */
  name: string
  header: string[]
  /** Data rows numbered as a spreadsheet shows them (the header is row 1). */
  rows: AsyncIterable<{ rowNo: number; values: string[] }>
}

export { UnreadableFileError }

export const isSupportedFile = (name: string) => /\.(csv|xlsx)$/i.test(name)

/** Tables of a .csv or .xlsx file, in file order. `displayName` is what reports show. */
export async function* readTables(
  filePath: string,
  displayName = path.basename(filePath),
): AsyncGenerator<SourceTable> {
  if (!isSupportedFile(displayName)) throw new UnreadableFileError(`${displayName}：只支持 .csv 和 .xlsx 文件`)
  const isCsv = /\.csv$/i.test(displayName)
  if (!isCsv) await guardXlsx(filePath, displayName)
  const input = fs.createReadStream(filePath)
  const bound = boundedRows(displayName)
  try {
    const tables = isCsv ? single(await csvTable(input, displayName)) : xlsxTables(input, displayName)
    for await (const table of tables)
      yield { ...table, header: bound.header(table.header), rows: bound.rows(table.rows) }
  } finally {
    // Also reached when the caller stops early (a header peek): release the file.
    input.destroy()
  }
}

async function* single(table: SourceTable): AsyncGenerator<SourceTable> {
  yield table
}

/** Row, column, cell and string-length limits over every table of one file, checked per row as it streams. */
function boundedRows(name: string) {
  let cells = 0
  const check = (values: string[]) => {
    if (values.length > L.maxColumns) throw limitErrors.columns(name)
    cells += values.length
    if (cells > L.maxCells) throw limitErrors.cells(name)
    // Sheet rows can be sparse arrays (a skipped cell is a hole), hence the `?.`.
    for (const v of values) if ((v?.length ?? 0) > L.maxCellChars) throw limitErrors.string(name)
    return values
  }
  return {
    header: check,
    async *rows(rows: SourceTable['rows']): SourceTable['rows'] {
      let count = 0
      for await (const row of rows) {
        if (++count > L.maxRows) throw limitErrors.rows(name)
        yield { rowNo: row.rowNo, values: check(row.values) }
      }
    },
  }
}

/** UTF-8 (with or without BOM) unless the first bytes are not valid UTF-8; then GB18030, which Chinese Excel writes. */
function decodeText(): Transform {
  let decoder: TextDecoder | undefined
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!decoder) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true })
          decoder = new TextDecoder('utf-8')
        } catch {
          decoder = new TextDecoder('gb18030')
        }
      }
      cb(null, decoder.decode(chunk, { stream: true }))
    },
    flush(cb) {
      cb(null, decoder?.decode() ?? '')
    },
  })
}

async function csvTable(input: Readable, name: string): Promise<SourceTable> {
  const parser = input.pipe(decodeText()).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // One field cannot grow past this while the parser accumulates it (an unclosed quote in 100 MB).
      max_record_size: L.maxCellChars * 4,
    }),
  )
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>
  const first = await nextRecord(records, name)
  if (first.done) throw new UnreadableFileError(`${name}：文件为空`)
  async function* rows() {
    for (let rowNo = 2; ; rowNo++) {
      const next = await nextRecord(records, name)
      if (next.done) return
      yield { rowNo, values: next.value }
    }
  }
  return { name, header: first.value, rows: rows() }
}

async function nextRecord(records: AsyncIterator<string[]>, name: string): Promise<IteratorResult<string[]>> {
  try {
    return await records.next()
  } catch (err) {
    const info = err as { code?: string; lines?: number }
    if (info.code === 'CSV_MAX_RECORD_SIZE') throw limitErrors.string(name)
    throw new UnreadableFileError(
      `${name}：CSV 格式错误${info.lines ? `（第 ${info.lines} 行附近）` : ''}，可能是引号未闭合或文件被截断（${info.code ?? 'parse error'}）`,
    )
  }
}

async function* xlsxTables(input: Readable, name: string): AsyncGenerator<SourceTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  })
  try {
    for await (const sheet of reader) {
      const rows = (sheet as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]()
      const first = await rows.next()
      if (first.done) continue
      const header = cellsOf(first.value, name)
      async function* data() {
        for (let next = await rows.next(); !next.done; next = await rows.next()) {
          const values = cellsOf(next.value, name)
          if (values.every((v) => v === '')) continue
          // Pad to the header's width: a trailing empty cell is absent from the sheet's XML.
          while (values.length < header.length) values.push('')
          yield { rowNo: next.value.number, values }
        }
      }
      const sheetName = (sheet as unknown as { name?: string }).name
      yield { name: sheetName ? `${name} / ${sheetName}` : name, header, rows: data() }
    }
  } catch (err) {
    if (err instanceof UnreadableFileError || err instanceof UploadLimitError) throw err
    throw new UnreadableFileError(
      `${name}：不是有效的 .xlsx 文件，或文件被截断（${err instanceof Error ? err.message.slice(0, 80) : 'unknown'}）`,
    )
  }
}

function cellsOf(row: ExcelJS.Row, name: string): string[] {
  const values = row.values as unknown[]
  // A cell addressed at column XFD makes a 16,384-slot array: refuse before mapping it.
  if (values.length > L.maxColumns + 1) throw limitErrors.columns(name)
  return values.slice(1).map(cellText)
}

/** Excel cell → the text the bank typed. Long numbers lose digits in Excel, so they are refused rather than guessed. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
  }
  if (typeof value === 'number')
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? '#超长数字' : String(value)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown }
    if (v.richText) return v.richText.map((t) => t.text).join('')
    if ('result' in v) return cellText(v.result)
    if (v.text !== undefined) return cellText(v.text)
    return ''
  }
  return String(value)
}
