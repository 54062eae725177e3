import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { CrmPage, CrmSource } from './crm-source.js'
import { FORMATS, type EntityFormat } from './formats.js'
import { ENTITY_ORDER, type CrmEntity } from './records.js'
import { csvRow } from '../../lib/csv.js'

/** One CSV line through the shared export guard (server/lib/csv.ts): error reports carry file names and cells. */
export const csvLine = csvRow

export type HeaderLanguage = 'zh' | 'en'

const headerOf = (format: EntityFormat, language: HeaderLanguage) =>
  format.columns.map((c) => (language === 'zh' ? c.zh : c.key))

/** Every record of one entity from a source, page by page. */
async function* recordsOf<E extends CrmEntity>(source: CrmSource, entity: E) {
  for (let cursor: string | null = null; ;) {
    const page: CrmPage<E> = await source.fetchPage(entity, cursor)
    for (const r of page.records) yield r.record
    if (!page.hasMore) return
    cursor = page.nextCursor
  }
}

/** A small sample file of one entity from `source` (the demo bank, chosen in app.ts), for "下载示例" links. */
export async function sampleCsv(source: CrmSource, entity: CrmEntity): Promise<string> {
  const format = FORMATS[entity] as EntityFormat
  const lines = [csvLine(headerOf(format, 'zh'))]
  for await (const record of recordsOf(source, entity))
    lines.push(csvLine(format.columns.map((c) => format.cells(record)[c.key] ?? '')))
  return lines.join('')
}

export interface SampleOptions {
  dir: string
  /** Where the rows come from: the demo bank's generator for `npm run crm-samples`. */
  source: CrmSource
  entities?: readonly CrmEntity[]
  language?: HeaderLanguage
  xlsx?: boolean
  onFile?: (file: string, rows: number) => void
}

/** Writes `<entity>.csv` per entity (and `samples.xlsx` with a sheet each), streaming: a million customers fit. */
export async function writeSamples(opts: SampleOptions): Promise<void> {
  fs.mkdirSync(opts.dir, { recursive: true })
  const language = opts.language ?? 'zh'
  const workbook = opts.xlsx
    ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(opts.dir, 'samples.xlsx'), useSharedStrings: false })
    : undefined
  for (const entity of opts.entities ?? ENTITY_ORDER) {
    const format = FORMATS[entity] as EntityFormat
    const file = path.join(opts.dir, `${entity}.csv`)
    const out = fs.createWriteStream(file)
    const sheet = workbook?.addWorksheet(format.zh)
    const header = headerOf(format, language)
    out.write(`\uFEFF${csvLine(header)}`)
    sheet?.addRow(header).commit()
    let rows = 0
    for await (const record of recordsOf(opts.source, entity)) {
      const cells = format.cells(record)
      const values = format.columns.map((c) => cells[c.key] ?? '')
      if (!out.write(csvLine(values))) await once(out, 'drain')
      sheet?.addRow(values).commit()
      rows++
    }
    sheet?.commit()
    out.end()
    await once(out, 'finish')
    opts.onFile?.(file, rows)
  }
  await workbook?.commit()
}
