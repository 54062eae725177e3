import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CrmRun, CrmRunDetail, EntityCounts, RowError } from '../../contracts/crm.js'
import type { Database } from '../../db/database.js'
import type { CrmRunKind, CrmRunStatus, CrmRunTrigger } from './crm.table.js'
import type { CrmEntity } from './records.js'

type Q = Kysely<Database>

/** Row errors kept per run; the count goes on past this, the report says so. */
export const MAX_KEPT_ERRORS = 1000

export type RunCounts = Partial<Record<CrmEntity, EntityCounts>>

export const emptyCounts = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0, invalid: 0 })

export interface NewRun {
  id?: string
  kind: CrmRunKind
  trigger: CrmRunTrigger
  dryRun: boolean
  source: string
  actorStaffId: string | null
  now: Date
}

export async function createRun(db: Q, run: NewRun): Promise<string> {
  const id = run.id ?? randomUUID()
  await db
    .insertInto('crm_runs')
    .values({
      id,
      kind: run.kind,
      trigger: run.trigger,
      dry_run: run.dryRun ? 1 : 0,
      status: 'running',
      source: run.source,
      actor_staff_id: run.actorStaffId,
      started_at: run.now.toISOString(),
      counts: '{}',
      error_count: 0,
    })
    .execute()
  return id
}

/** Progress of a long run, visible in the history while it goes. */
export async function updateRunCounts(db: Q, id: string, counts: RunCounts, errorCount: number): Promise<void> {
  await db
    .updateTable('crm_runs')
    .set({ counts: JSON.stringify(counts), error_count: errorCount })
    .where('id', '=', id)
    .execute()
}

export async function finishRun(
  db: Q,
  id: string,
  end: {
    status: CrmRunStatus
    counts: RunCounts
    errors: readonly RowError[]
    errorCount: number
    message: string | null
    now: Date
  },
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('crm_runs')
      .set({
        status: end.status,
        counts: JSON.stringify(end.counts),
        error_count: end.errorCount,
        message: end.message,
        finished_at: end.now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    const kept = end.errors.slice(0, MAX_KEPT_ERRORS)
    for (let i = 0; i < kept.length; i += 500) {
      await trx
        .insertInto('crm_run_errors')
        .values(
          kept
            .slice(i, i + 500)
            .map((e) => ({ run_id: id, source: e.source, row_no: e.rowNo, column_name: e.column, reason: e.reason })),
        )
        .execute()
    }
  })
}

const runColumns = [
  'r.id',
  'r.kind',
  'r.trigger',
  'r.dry_run',
  'r.status',
  'r.source',
  'staff.name as actorName',
  'r.started_at',
  'r.finished_at',
  'r.counts',
  'r.error_count',
  'r.message',
] as const

function runsQuery(db: Q) {
  return db.selectFrom('crm_runs as r').leftJoin('staff', 'staff.id', 'r.actor_staff_id').select(runColumns)
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['executeTakeFirstOrThrow']>>

function toRun(r: RunRow): CrmRun {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    dryRun: r.dry_run === 1,
    status: r.status,
    source: r.source,
    actorName: r.actorName,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: JSON.parse(r.counts) as RunCounts,
    errorCount: r.error_count,
    message: r.message,
  }
}

export async function listRuns(db: Q, limit = 30): Promise<CrmRun[]> {
  const rows = await runsQuery(db).orderBy('r.started_at', 'desc').orderBy('r.id').limit(limit).execute()
  return rows.map(toRun)
}

export async function findRun(db: Q, id: string, errorLimit = 50): Promise<CrmRunDetail | undefined> {
  const row = await runsQuery(db).where('r.id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return { ...toRun(row), errors: await listRunErrors(db, id, errorLimit) }
}

export async function listRunErrors(db: Q, runId: string, limit = MAX_KEPT_ERRORS): Promise<RowError[]> {
  const rows = await db
    .selectFrom('crm_run_errors')
    .select(['source', 'row_no', 'column_name', 'reason'])
    .where('run_id', '=', runId)
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((e) => ({ source: e.source, rowNo: e.row_no, column: e.column_name, reason: e.reason }))
}

/** The nightly runs started since `sinceIso`, newest first. */
export async function nightlyRunsSince(db: Q, sinceIso: string) {
  return db
    .selectFrom('crm_runs')
    .select(['status', 'started_at'])
    .where('trigger', '=', 'nightly')
    .where('started_at', '>=', sinceIso)
    .orderBy('started_at', 'desc')
    .execute()
}
