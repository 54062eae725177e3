import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CrmRunDetail, RowError } from '../../contracts/crm.js'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { piiOf } from '../../lib/pii.js'
import { CrmSourceError, type CrmSource } from './crm-source.js'
import { writeBatch } from './crm-writer.js'
import { ENTITY_ORDER, type CrmEntity } from './records.js'
import { releaseSyncLease, syncLeaseExpiry, takeSyncLease } from './sync-lease.repository.js'
import { findSyncCursor, saveSyncCursor } from './sync-state.repository.js'
import {
  createRun,
  emptyCounts,
  finishRun,
  findRun,
  MAX_KEPT_ERRORS,
  updateRunCounts,
  type RunCounts,
} from './runs.repository.js'

const LEASE_MS = 10 * 60_000

/** One sync at a time across every instance: a lease in the shared kv table, renewed per page. */
const takeLease = (db: Kysely<Database>, holder: string, now: Date) =>
  takeSyncLease(db, holder, now.getTime() + LEASE_MS, now.getTime())

/** Whether a sync holds the lease right now. */
export async function syncRunning(db: Kysely<Database>, now: Date): Promise<boolean> {
  const expiresAt = await syncLeaseExpiry(db)
  return expiresAt !== undefined && expiresAt > now.getTime()
}

export interface SyncOptions {
  trigger: 'manual' | 'nightly' | 'cli'
  actorStaffId: string | null
  /** Called once the run exists, before any page is fetched (the route answers then). */
  onStarted?: (runId: string) => void
}

/**
 * Pulls every entity from `source`, parents first, each from its stored cursor. Each page and its
 * cursor commit together, so a sync that fails mid-way resumes at the failed page next time.
 * Invalid items are skipped and reported; the rest of the page is written.
 */
export async function runSync(ctx: AppContext, source: CrmSource, opts: SyncOptions): Promise<CrmRunDetail> {
  const db = ctx.db.kysely
  const runId = randomUUID()
  if (!(await takeLease(db, runId, ctx.now()))) throw new AppError('SYNC_RUNNING', 409, '已有同步正在进行，请稍后再试')
  await createRun(db, {
    id: runId,
    kind: 'http',
    trigger: opts.trigger,
    dryRun: false,
    source: source.label,
    actorStaffId: opts.actorStaffId,
    now: ctx.now(),
  })
  opts.onStarted?.(runId)
  const counts: RunCounts = {}
  const errors: RowError[] = []
  let errorCount = 0
  let failure: string | null = null
  let at: { entity: CrmEntity; page: number } | undefined
  try {
    for (const entity of ENTITY_ORDER) {
      const c = (counts[entity] ??= emptyCounts())
      let cursor = await findSyncCursor(db, entity)
      for (let page = 1; ; page++) {
        at = { entity, page }
        const fetched = await source.fetchPage(entity, cursor)
        const origin = `${entity}@${cursor ?? '起点'}`
        const nextCursor = fetched.nextCursor ?? cursor
        await db.transaction().execute(async (trx) => {
          const r = await writeBatch(
            { trx, pii: piiOf(ctx.config), runId, now: ctx.now(), rejectDuplicates: false },
            entity,
            fetched.records,
          )
          c.inserted += r.inserted
          c.updated += r.updated
          c.unchanged += r.unchanged
          for (const issue of [...fetched.invalid, ...r.issues]) {
            c.invalid++
            errorCount++
            if (errors.length < MAX_KEPT_ERRORS)
              errors.push({ source: origin, rowNo: issue.rowNo, column: issue.column, reason: issue.reason })
          }
          await saveSyncCursor(trx, entity, nextCursor, ctx.now().toISOString())
        })
        cursor = nextCursor
        await updateRunCounts(db, runId, counts, errorCount)
        await takeLease(db, runId, ctx.now())
        if (!fetched.hasMore) break
      }
    }
  } catch (err) {
    const where = at ? `${at.entity} 第 ${at.page} 页` : '开始时'
    const why = err instanceof CrmSourceError ? err.message : '服务内部错误，详见服务日志'
    if (!(err instanceof CrmSourceError))
      ctx.logger.error({ runId, errName: err instanceof Error ? err.name : 'unknown', err }, 'crm sync failed')
    failure = `同步在${where}失败：${why}。已写入的页保留，下次同步从该页继续`
  } finally {
    await releaseSyncLease(db, runId)
  }
  const message = failure ?? (errorCount ? `同步完成，${errorCount} 条记录未通过校验已跳过` : '同步完成')
  await finishRun(db, runId, {
    status: failure ? 'failed' : 'succeeded',
    counts,
    errors,
    errorCount,
    message,
    now: ctx.now(),
  })
  return (await findRun(db, runId))!
}
