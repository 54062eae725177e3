import { sql } from 'kysely'
import { Gauge, type Registry } from 'prom-client'
import type { Db } from '../../db/connect.js'

/** Gauges read from the database when Prometheus scrapes: callback backlog and age, sync lag, pool usage. */
export function registerDbGauges(registry: Registry, db: Db, now: () => Date): void {
  const ageSeconds = (iso: string | null | undefined) =>
    iso ? Math.max(0, (now().getTime() - new Date(iso).getTime()) / 1000) : 0
  new Gauge({
    name: 'advisor_callback_backlog',
    help: 'WeCom callbacks stored but not yet processed',
    registers: [registry],
    async collect() {
      this.set(Number((await backlog(db)).pending))
    },
  })
  new Gauge({
    name: 'advisor_callback_oldest_pending_age_seconds',
    help: 'Age of the oldest unprocessed WeCom callback (0 when none)',
    registers: [registry],
    async collect() {
      this.set(ageSeconds((await backlog(db)).oldest))
    },
  })
  new Gauge({
    name: 'advisor_crm_sync_age_seconds',
    help: 'Time since the last finished CRM sync or import (0 when none yet)',
    registers: [registry],
    async collect() {
      const row = await db.kysely
        .selectFrom('crm_runs')
        .select((eb) => eb.fn.max('finished_at').as('last'))
        .executeTakeFirst()
      this.set(ageSeconds(row?.last as string | null | undefined))
    },
  })
  new Gauge({
    name: 'advisor_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!db.pool) return
      this.set({ state: 'total' }, db.pool.totalCount)
      this.set({ state: 'idle' }, db.pool.idleCount)
      this.set({ state: 'waiting' }, db.pool.waitingCount)
    },
  })
}

async function backlog(db: Db): Promise<{ pending: number | string; oldest: string | null }> {
  const row = await db.kysely
    .selectFrom('wecom_callbacks')
    .select([sql<number>`count(*)`.as('pending'), sql<string | null>`min(received_at)`.as('oldest')])
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row
}
