import type { Kysely, Selectable, Updateable } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { ImportMode, WecomImportStateTable } from '../wecom.table.js'

type Q = Kysely<Database>
export type ImportState = Selectable<WecomImportStateTable>
export const RELATIONS_JOB = 'relations'

export async function loadImportState(db: Q): Promise<ImportState | undefined> {
  return db.selectFrom('wecom_import_state').selectAll().where('job', '=', RELATIONS_JOB).executeTakeFirst()
}

/** Starts a new pass over `members` (replacing the finished one), at batch 0 with an empty cursor. */
export async function startImportState(
  db: Q,
  runId: number,
  mode: ImportMode,
  members: string[],
  now: string,
): Promise<ImportState> {
  const row = {
    job: RELATIONS_JOB,
    run_id: runId,
    mode,
    status: 'running' as const,
    members: JSON.stringify(members),
    batch_index: 0,
    cursor: '',
    pages: 0,
    seen: 0,
    added: 0,
    removed: 0,
    last_error: null,
    started_at: now,
    updated_at: now,
    finished_at: null,
  }
  await db.deleteFrom('wecom_import_seen').execute()
  await db
    .insertInto('wecom_import_state')
    .values(row)
    .onConflict((oc) => oc.column('job').doUpdateSet(row))
    .execute()
  return row
}

export async function updateImportState(db: Q, patch: Updateable<WecomImportStateTable>): Promise<void> {
  await db.updateTable('wecom_import_state').set(patch).where('job', '=', RELATIONS_JOB).execute()
}

const RECONCILE_EVERY_MS = 20 * 3600_000
/** Beijing hours (UTC+8) in which the nightly reconciliation may start: 01:00–05:59. */
const NIGHT = (now: Date) => {
  const h = (now.getUTCHours() + 8) % 24
  return h >= 1 && h < 6
}

/** No pass finished yet, one was interrupted, or it is night and the last pass is a day old. */
export async function relationImportDue(db: Q, now: Date): Promise<boolean> {
  const s = await loadImportState(db)
  if (s?.status !== 'finished') return true
  return NIGHT(now) && now.getTime() - Date.parse(s.finished_at ?? s.started_at) > RECONCILE_EVERY_MS
}

/**
 * Forgets every relation we mirror and the import's position, so the next import starts as on a new corp's
 * first day (the simulator's 新企业 reset; WeCom's side is untouched). Returns the relations removed.
 */
export async function forgetImportedRelations(db: Q): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('wecom_import_seen').execute()
    await trx.deleteFrom('wecom_import_state').execute()
    const r = await trx.deleteFrom('wecom_contacts').executeTakeFirst()
    return Number(r.numDeletedRows)
  })
}
