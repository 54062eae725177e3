import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../../../db/connect.js'
import type { Database } from '../../../db/database.js'

// Migration 015 names every rollup trigger `<table>_rollup_<event>…`.
const ROLLUP_TRIGGER = '%\\_rollup\\_%'

/**
 * Marks every contact and every customer owner for the next refresh: what a bulk load with the triggers off, or a
 * rebuild, leaves to judge. One statement per kind instead of one mark per written row.
 */
export async function markEverythingDirty(trx: Kysely<Database>): Promise<void> {
  // `where true`: without it SQLite reads the ON of the upsert as a join constraint.
  await sql`insert into rollup_dirty (kind, key)
      select distinct 'contact', external_userid from wecom_contacts where true
      on conflict (kind, key) do update set seq = rollup_dirty.seq + 1`.execute(trx)
  await sql`insert into rollup_dirty (kind, key)
      select distinct 'contact', external_userid from bindings where true
      on conflict (kind, key) do update set seq = rollup_dirty.seq + 1`.execute(trx)
  await sql`insert into rollup_dirty (kind, key)
      select distinct 'owner', owner_staff_id from customers where owner_staff_id is not null
      on conflict (kind, key) do update set seq = rollup_dirty.seq + 1`.execute(trx)
}

/**
 * Runs a bulk load inside the caller's transaction with the rollup triggers off, then marks everything
 * once. Per row, the triggers cost more than the insert itself: every customer bumps its owner's one mark
 * (on PostgreSQL a new row version each time, all in one transaction), every add writes two marks. The
 * triggers come back in the same transaction, so a failed load leaves them as they were.
 */
export async function withRollupTriggersSuspended<T>(
  trx: Kysely<Database>,
  dialect: DialectName,
  load: () => Promise<T>,
): Promise<T> {
  if (!trx.isTransaction) throw new Error('withRollupTriggersSuspended needs a transaction')
  const restore = dialect === 'postgres' ? await disablePostgres(trx) : await dropSqlite(trx)
  const result = await load()
  await restore()
  await markEverythingDirty(trx)
  return result
}

async function disablePostgres(trx: Kysely<Database>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ table_name: string; trigger_name: string }>`
    select c.relname as table_name, t.tgname as trigger_name
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and t.tgname like ${ROLLUP_TRIGGER} and c.relnamespace = current_schema()::regnamespace`.execute(
    trx,
  )
  const alter = (verb: 'disable' | 'enable') => async () => {
    for (const r of rows)
      await sql`alter table ${sql.id(r.table_name)} ${sql.raw(verb)} trigger ${sql.id(r.trigger_name)}`.execute(trx)
  }
  await alter('disable')()
  return alter('enable')
}

async function dropSqlite(trx: Kysely<Database>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger' and name like ${ROLLUP_TRIGGER} escape '\\'`.execute(trx)
  for (const r of rows) await sql`drop trigger ${sql.id(r.name)}`.execute(trx)
  return async () => {
    for (const r of rows) await sql.raw(r.sql).execute(trx)
  }
}
