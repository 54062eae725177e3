import type { DashboardQueryT, DashboardRow, Period, ProcessView } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { addDays, dayStartIso, periodRange, today } from '../days.js'
import { refreshDashboardRollups } from '../rollups/dashboard-rollups.js'
import { refreshRollups } from '../rollups/rollups.service.js'
import { doneUntil } from '../sync/sync-runs.repository.js'
import { coverageByStaff, sumCoverage, type CoverageRow } from './coverage.js'
import { periodRuleCounts } from './period-eligibility.js'
import { sumCounts } from './rule-counts.js'
import { freshness } from './freshness.js'
import { guidanceFor, openedNotVerified, openTasks } from './guidance.js'
import type { ScopedStaff } from '../staff.repository.js'
import { resolveScope } from './scope.js'
import { processNumbers, sumNumbers, type ProcessNumbers } from './staff-metrics.js'
import { trend } from './trend.js'

/** Rollups are brought up to date before reading, a bounded amount per request (the scheduler does the rest). */
const REFRESH_BATCHES = 5
/** Marks of verdicts and coverage worked off per request: a busy hour's changes, not a bulk load's. */
const DASHBOARD_REFRESH_BATCHES = 20

export function periodOf(q: DashboardQueryT, now: Date): Period {
  return { kind: q.period, ...periodRange(q.period, q.date ?? today(now)) }
}

/** Everything the numbers of a set of staff need for one period, keyed by staff userid. */
export async function staffFacts(ctx: AppContext, staff: ScopedStaff[], period: Period) {
  const db = ctx.db.kysely
  await refreshRollups(db, { maxBatches: REFRESH_BATCHES })
  await refreshDashboardRollups(db, { maxBatches: DASHBOARD_REFRESH_BATCHES })
  const userids = staff.map((s) => s.userid)
  const [numbers, coverage, eligible, tasks, opened] = await Promise.all([
    processNumbers(db, userids, period.from, period.to),
    coverageByStaff(db, staff),
    periodRuleCounts(db, staff, period.from, period.to),
    openTasks(db, userids, today(ctx.now())),
    openedNotVerified(
      db,
      userids,
      dayStartIso(period.from),
      dayStartIso(addDays(period.to, 1)),
      ctx.now().toISOString(),
    ),
  ])
  return staff.map((s) => {
    const facts = {
      staff: s,
      numbers: numbers.get(s.userid)!,
      coverage: coverage.get(s.userid) ?? [],
      openTasks: tasks.get(s.userid) ?? [],
      openedNotVerified: opened.get(s.userid) ?? { valid: 0, expired: 0 },
      linkTtlHours: ctx.config.verifyLinkTtlHours,
    }
    return { ...facts, eligible: eligible.get(s.userid)!, guidance: guidanceFor(facts) }
  })
}
export type Facts = Awaited<ReturnType<typeof staffFacts>>[number]

export function rowOf(
  kind: DashboardRow['kind'],
  id: string,
  name: string,
  subtitle: string,
  facts: Facts[],
): DashboardRow {
  return {
    kind,
    id,
    name,
    subtitle,
    numbers: sumNumbers(facts.map((f) => f.numbers as ProcessNumbers)),
    eligible: sumCounts(facts.map((f) => f.eligible)),
    coverage: sumCoverage(facts.map((f) => f.coverage as CoverageRow[])),
    lagging: facts.filter((f) => f.guidance.length > 0).length,
  }
}

/** The process tab: one row per child branch (or per staff member at a sub-branch), totals, trend and guidance. */
export async function processView(ctx: AppContext, viewer: SessionStaff, q: DashboardQueryT): Promise<ProcessView> {
  const db = ctx.db.kysely
  const scope = await resolveScope(db, viewer, q.branchId)
  const period = periodOf(q, ctx.now())
  const facts = await staffFacts(ctx, scope.staff, period)
  let rows: DashboardRow[]
  if (scope.children.length) {
    rows = scope.children.map((c) =>
      rowOf(
        'branch',
        c.id,
        c.name,
        c.level === 'sub' ? '支行' : '分行',
        facts.filter((f) => scope.childOf.get(f.staff.branchId) === c.id),
      ),
    )
  } else {
    rows = facts.map((f) => rowOf('staff', f.staff.userid, f.staff.name, f.staff.title, [f]))
  }
  return {
    period,
    node: { id: scope.node.id, name: scope.node.name, level: scope.node.level },
    breadcrumb: scope.breadcrumb.map((b) => ({ id: b.id, name: b.name })),
    rows,
    total: rowOf('branch', scope.node.id, scope.node.name, '合计', facts),
    // Days still to come have no data yet: the series stops today.
    trend: await trend(
      db,
      scope.staff.map((s) => s.userid),
      period.from,
      [period.to, today(ctx.now())].sort()[0]!,
    ),
    guidance: facts.flatMap((f) => f.guidance).slice(0, 60),
    syncedUntil: (await doneUntil(db, 'behaviour')) ?? null,
    freshness: await freshness(db, ctx.now()),
  }
}
