import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { QaImportError, QaImportResult, QaItemInput } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { PLAIN_TEXT_EMPTY, strippedToNothing, toPlainText } from '../../lib/plain-text.js'
import { readTables, UnreadableFileError } from '../../lib/table-reader.js'
import { checkCompliance } from '../review/index.js'
import { insertQaDraft } from './qa-library.service.js'
import { importInvalid, qaColumnsOf, qaRowInput } from './qa-spreadsheet.js'

const MAX_ROWS = 1000

async function readRows(file: string, name: string): Promise<{ line: number; input: QaItemInput }[]> {
  const tables = readTables(file, name)
  const first = await tables.next()
  if (first.done) throw importInvalid([{ row: 1, field: '文件', message: '文件里没有表格' }])
  const cols = qaColumnsOf(first.value.header)
  const errors: QaImportError[] = []
  const valid: { line: number; input: QaItemInput }[] = []
  const seen = new Map<string, number>()
  for await (const { rowNo, values } of first.value.rows) {
    if (values.every((v) => !v.trim())) continue
    if (valid.length + errors.length >= MAX_ROWS)
      throw importInvalid([{ row: rowNo, field: '文件', message: `一次最多导入 ${MAX_ROWS} 行` }])
    // Cells are stored as plain text, like the console's form (server/lib/plain-text.ts).
    const plain = values.map(toPlainText)
    const emptied = [...cols.values()].filter((i) => strippedToNothing(values[i] ?? '', plain[i] ?? ''))
    if (emptied.length) {
      errors.push(
        ...emptied.map((i) => ({ row: rowNo, field: first.value.header[i]!.trim(), message: PLAIN_TEXT_EMPTY })),
      )
      continue
    }
    const result = qaRowInput(rowNo, plain, cols)
    if ('errors' in result) {
      errors.push(...result.errors)
      continue
    }
    const dup = seen.get(result.input.question)
    if (dup) {
      errors.push({ row: rowNo, field: '问题', message: `与第 ${dup} 行问题重复` })
      continue
    }
    seen.set(result.input.question, rowNo)
    valid.push({ line: rowNo, input: result.input })
  }
  await tables.return(undefined)
  if (errors.length) throw importInvalid(errors)
  if (!valid.length) throw importInvalid([{ row: 2, field: '文件', message: '没有数据行' }])
  return valid
}

/**
 * Imports a .csv or .xlsx of Q&A entries as drafts, all or nothing: any invalid row → 422 IMPORT_INVALID
 * listing every row's errors. Compliance findings do not stop the import (drafts are fixed before
 * review); they come back as warnings per row.
 */
export async function importQaFile(
  ctx: AppContext,
  staff: SessionStaff,
  body: Buffer,
  fileName: string,
): Promise<QaImportResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qa-import-'))
  const file = path.join(dir, 'upload')
  try {
    await fs.writeFile(file, body)
    const valid = await readRows(file, fileName).catch((err: unknown) => {
      if (err instanceof UnreadableFileError) throw importInvalid([{ row: 1, field: '文件', message: err.message }])
      throw err
    })
    const warnings: QaImportError[] = []
    for (const { line, input } of valid) {
      const findings = await checkCompliance(
        ctx.db.kysely,
        { fields: { answer: input.answer }, topic: input.topic, disclaimer: input.disclaimer },
        { publicBaseUrl: ctx.config.publicBaseUrl },
      )
      for (const f of findings)
        warnings.push({ row: line, field: f.field === 'disclaimer' ? '风险提示' : '答案', message: f.message })
    }
    const now = ctx.now()
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const { input } of valid) await insertQaDraft(trx, input, staff.id, now)
    })
    return { created: valid.length, warnings }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
