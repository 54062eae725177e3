import ExcelJS from 'exceljs'
import type { z } from 'zod'
import {
  QA_TOPICS,
  QaItemBody,
  TOPIC_LABELS,
  type QaImportError,
  type QaItemInput,
  type QaTopic,
} from '../../contracts/replies.js'
import { toCsv, xlsxSafeRow } from '../../lib/csv.js'
import { AppError } from '../../lib/errors.js'
import { beijingDate } from '../../lib/time.js'
import { STATUS_LABELS } from '../review/index.js'
import type { QaRow } from './qa.repository.js'

/** Spreadsheet columns, in order; the header may use the Chinese title or the field name. */
const COLUMNS = [
  { field: 'question', title: '问题' },
  { field: 'alternatives', title: '相似问法' },
  { field: 'answer', title: '答案' },
  { field: 'disclaimer', title: '风险提示' },
  { field: 'topic', title: '主题' },
  { field: 'tags', title: '标签' },
] as const
type Field = (typeof COLUMNS)[number]['field']
const EXPORT_ONLY = ['编号', '版本', '状态', '审批编号', '生效日期', '截止日期']

const LIST_SEPARATOR = /[\n|｜]/
const TAG_SEPARATOR = /[、,，;；|｜\s]+/
const TOPIC_BY_NAME = new Map<string, QaTopic>(
  QA_TOPICS.flatMap(
    (t) =>
      [
        [t, t],
        [TOPIC_LABELS[t], t],
      ] as [string, QaTopic][],
  ),
)
const titleOf = (field: PropertyKey | undefined) => COLUMNS.find((c) => c.field === field)?.title ?? String(field ?? '')

export const importInvalid = (errors: QaImportError[]) =>
  new AppError('IMPORT_INVALID', 422, `导入文件有 ${errors.length} 处错误，未导入任何条目，请修改后重新上传`, {
    errors,
  })

/** Column positions by field; a file without 问题, 答案 or 主题 is refused as a whole (row 1). */
export function qaColumnsOf(header: string[]): Map<Field, number> {
  const map = new Map<Field, number>()
  header.forEach((h, i) => {
    const col = COLUMNS.find((c) => c.title === h.trim() || c.field === h.trim().toLowerCase())
    if (col && !map.has(col.field)) map.set(col.field, i)
  })
  const missing = (['question', 'answer', 'topic'] as const).filter((f) => !map.has(f))
  if (missing.length)
    throw importInvalid(missing.map((f) => ({ row: 1, field: titleOf(f), message: `缺少「${titleOf(f)}」列` })))
  return map
}

/** One spreadsheet row → a validated entry, or its errors named by column title. */
export function qaRowInput(
  rowNo: number,
  values: string[],
  cols: Map<Field, number>,
): { input: QaItemInput } | { errors: QaImportError[] } {
  const cell = (f: Field) => (cols.has(f) ? (values[cols.get(f)!] ?? '').trim() : '')
  const topic = cell('topic')
  const parsed = QaItemBody.safeParse({
    question: cell('question'),
    alternatives: cell('alternatives')
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean),
    answer: cell('answer'),
    disclaimer: cell('disclaimer') || null,
    topic: TOPIC_BY_NAME.get(topic) ?? topic,
    tags: cell('tags').split(TAG_SEPARATOR).filter(Boolean),
  })
  if (parsed.success) return { input: parsed.data }
  return {
    errors: (parsed.error as z.ZodError).issues.map((i) => ({
      row: rowNo,
      field: titleOf(i.path[0]),
      message: i.message,
    })),
  }
}

function exportRows(rows: readonly QaRow[]): string[][] {
  const header = [...COLUMNS.map((c) => c.title), ...EXPORT_ONLY]
  return [
    header,
    ...rows.map((r) => [
      r.question,
      (JSON.parse(r.alternatives) as string[]).join('\n'),
      r.answer,
      r.disclaimer ?? '',
      TOPIC_LABELS[r.topic],
      (JSON.parse(r.tags) as string[]).join('、'),
      String(r.id),
      String(r.version),
      STATUS_LABELS[r.status],
      r.approval_no ?? '',
      r.valid_from ? beijingDate(r.valid_from) : '',
      // valid_until is the exclusive end; the sheet shows the last valid day.
      r.valid_until ? beijingDate(new Date(Date.parse(r.valid_until) - 1).toISOString()) : '',
    ]),
  ]
}

/** The library as CSV; its first six columns re-import as they are. */
export const exportQaCsv = (rows: readonly QaRow[]) => toCsv(exportRows(rows))

/** The same table as an .xlsx workbook, for the middle office's existing spreadsheets. */
export async function exportQaXlsx(rows: readonly QaRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('话术库')
  sheet.addRows(exportRows(rows).map(xlsxSafeRow))
  sheet.getRow(1).font = { bold: true }
  sheet.columns.forEach((c, i) => {
    c.width = [30, 30, 60, 30, 8, 16][i] ?? 14
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
