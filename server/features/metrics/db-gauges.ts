import { Gauge, type Registry } from 'prom-client'
import type { Db } from '../../db/connect.js'
import { callBudgetUse } from '../wecom/index.js'
import { callbackBacklog, lastCrmRunFinishedAt } from './db-gauges.repository.js'

/**
 * Gauges read from the database when Prometheus scrapes: callback backlog and age, sync lag, pool usage,
 * WeCom call budget (counted for `corpId`, the pacing scope).
 */
export function registerDbGauges(registry: Registry, db: Db, now: () => Date, corpId = ''): void {
  const ageSeconds = (iso: string | null | undefined) =>
    iso ? Math.max(0, (now().getTime() - new Date(iso).getTime()) / 1000) : 0
  new Gauge({
    name: 'advisor_callback_backlog',
    help: 'WeCom callbacks stored but not yet processed',
    registers: [registry],
    async collect() {
      this.set(Number((await callbackBacklog(db.kysely)).pending))
    },
  })
  new Gauge({
    name: 'advisor_callback_oldest_pending_age_seconds',
    help: 'Age of the oldest unprocessed WeCom callback (0 when none)',
    registers: [registry],
    async collect() {
      this.set(ageSeconds((await callbackBacklog(db.kysely)).oldest))
    },
  })
  new Gauge({
    name: 'advisor_crm_sync_age_seconds',
    help: 'Time since the last finished CRM sync or import (0 when none yet)',
    registers: [registry],
    async collect() {
      this.set(ageSeconds(await lastCrmRunFinishedAt(db.kysely)))
    },
  })
  const budgetGauge = (
    name: string,
    help: string,
    value: (u: Awaited<ReturnType<typeof callBudgetUse>>[number]) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['api'] as const,
      registers: [registry],
      async collect() {
        this.reset()
        for (const u of await callBudgetUse(db.kysely, corpId, now())) this.set({ api: u.api }, value(u))
      },
    })
  budgetGauge(
    'advisor_wecom_calls_this_minute',
    'WeCom API calls paced in the current minute, every instance together, per API (api="*": corp-wide)',
    (u) => u.used,
  )
  budgetGauge(
    'advisor_wecom_call_budget_per_minute',
    'The governor\'s per-minute budget: per API, and corp-wide (api="*"); WeCom blocks the corp at 10,000 / 20,000',
    (u) => u.budget,
  )
  budgetGauge(
    'advisor_wecom_call_budget_used_ratio',
    "Calls this minute over the governor's budget (1 = calls now wait for the next minute)",
    (u) => u.used / u.budget,
  )
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
