import { UploadLimitError } from '../../lib/upload-limits.js'
import type { CrmRunDetail, RowError } from '../../contracts/crm.js'
import type { AppContext } from '../../lib/context.js'
import { piiOf } from '../../lib/pii.js'
import { writeBatch, type NumberedRecord, type WriteContext } from './crm-writer.js'
import { detectLayout, parseRow, type TableLayout } from './layout.js'
import { forgetSeenKeysOfRun } from './import-seen.repository.js'
import { ENTITY_ORDER, type CrmEntity } from './records.js'
import { createRun, emptyCounts, finishRun, findRun, MAX_KEPT_ERRORS, type RunCounts } from './runs.repository.js'
import { readTables, UnreadableFileError, type SourceTable } from '../../lib/table-reader.js'

export interface ImportFile {
  path: string
  /** Shown in the run history and the error report. */
  name: string
}

export interface ImportOptions {
  dryRun: boolean
  trigger: 'cli' | 'upload'
  actorStaffId: string | null
  /** Rows per write; memory stays flat at any file size. */
  batchSize?: number
  onProgress?: (entity: CrmEntity, rows: number) => void
}

/** Thrown inside the transaction to undo it: a dry run, or a file with row errors. */
class Rollback extends Error {}

/**
 * Imports CSV/XLSX files in one transaction: every row of every file is checked and written in
 * batches, and if any row is refused (or it is a dry run) the whole transaction rolls back, so a
 * failed import changes nothing. The run, its counts and its first row errors are kept either way.
 */
export async function importFiles(
  ctx: AppContext,
  files: readonly ImportFile[],
  opts: ImportOptions,
): Promise<CrmRunDetail> {
  const db = ctx.db.kysely
  const runId = await createRun(db, {
    kind: 'file',
    trigger: opts.trigger,
    dryRun: opts.dryRun,
    source: files.map((f) => f.name).join(', '),
    actorStaffId: opts.actorStaffId,
    now: ctx.now(),
  })
  const counts: RunCounts = {}
  const errors: RowError[] = []
  let errorCount = 0
  const report = (e: RowError) => {
    errorCount++
    if (errors.length < MAX_KEPT_ERRORS) errors.push(e)
  }
  let failure: string | null = null
  let limit: UploadLimitError | null = null
  try {
    const ordered = await orderByEntity(files)
    await db.transaction().execute(async (trx) => {
      const w: WriteContext = { trx, pii: piiOf(ctx.config), runId, now: ctx.now(), rejectDuplicates: true }
      for (const file of ordered) {
        for await (const table of readTables(file.path, file.name)) {
          const layout = detectLayout(table.header)
          if ('problem' in layout) report({ source: table.name, rowNo: 1, column: '(表头)', reason: layout.problem })
          else await importTable(w, table, layout, counts, report, opts)
        }
      }
      await forgetSeenKeysOfRun(trx, runId)
      if (errorCount > 0 || opts.dryRun) throw new Rollback()
    })
  } catch (err) {
    if (err instanceof UnreadableFileError) failure = err.message
    else if (err instanceof UploadLimitError) {
      failure = err.message
      limit = err
    } else if (!(err instanceof Rollback)) {
      ctx.logger.error({ runId, errName: err instanceof Error ? err.name : 'unknown', err }, 'crm import failed')
      failure = '导入失败：服务内部错误，详见服务日志'
    }
  }
  const status = failure ? 'failed' : errorCount > 0 ? 'rejected' : 'succeeded'
  const message =
    failure ??
    (errorCount > 0
      ? `${errorCount} 行未通过校验，未写入任何数据；请修正后重新导入`
      : opts.dryRun
        ? '试运行通过：校验全部通过，未写入数据'
        : '导入完成')
  await finishRun(db, runId, { status, counts, errors, errorCount, message, now: ctx.now() })
  // The run keeps the reason; the caller gets the limit's own status and code.
  if (limit) throw limit
  return (await findRun(db, runId))!
}

async function importTable(
  w: WriteContext,
  table: SourceTable,
  layout: TableLayout,
  counts: RunCounts,
  report: (e: RowError) => void,
  opts: ImportOptions,
): Promise<void> {
  const entity = layout.format.entity
  const c = (counts[entity] ??= emptyCounts())
  const size = opts.batchSize ?? 1000
  let batch: NumberedRecord<CrmEntity>[] = []
  let read = 0
  const flush = async () => {
    const result = await writeBatch(w, entity, batch, table.name)
    c.inserted += result.inserted
    c.updated += result.updated
    c.unchanged += result.unchanged
    c.invalid += result.issues.length
    for (const i of result.issues)
      report({ source: table.name, rowNo: i.rowNo, column: layout.label(i.column), reason: i.reason })
    batch = []
    opts.onProgress?.(entity, read)
  }
  for await (const { rowNo, values } of table.rows) {
    read++
    const parsed = parseRow(layout, values)
    if (parsed.errors) {
      c.invalid++
      for (const e of parsed.errors) report({ source: table.name, rowNo, column: e.column, reason: e.reason })
    } else batch.push({ rowNo, record: parsed.record })
    if (batch.length >= size) await flush()
  }
  if (batch.length) await flush()
}

/** Files in dependency order (branches first), by the entity their first table's header names. */
async function orderByEntity(files: readonly ImportFile[]): Promise<ImportFile[]> {
  const rank = new Map<ImportFile, number>()
  for (const file of files) {
    let entity: CrmEntity | undefined
    for await (const table of readTables(file.path, file.name)) {
      const layout = detectLayout(table.header)
      entity = 'format' in layout ? layout.format.entity : undefined
      break
    }
    rank.set(file, entity ? ENTITY_ORDER.indexOf(entity) : ENTITY_ORDER.length)
  }
  return [...files].sort((a, b) => rank.get(a)! - rank.get(b)!)
}
