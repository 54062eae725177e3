/**
 * Where a dashboard request's time goes: times each read of `staffFacts` and the process view (5 runs each, ms,
 * sorted) for a branch supervisor's scope, in process, on a bench database.
 * Usage: `npx tsx tests/bench/dashboard-parts.ts <DATABASE_URL> <branchId> <from YYYY-MM-DD> <to YYYY-MM-DD>`
 */
import { openDb } from '../../server/db/connect.js'
import { coverageByStaff } from '../../server/features/process/dashboard/coverage.js'
import { freshness } from '../../server/features/process/dashboard/freshness.js'
import { openedNotVerified, openTasks } from '../../server/features/process/dashboard/guidance.js'
import { flaggedAdds } from '../../server/features/process/dashboard/out-of-province.js'
import { periodRuleCounts } from '../../server/features/process/dashboard/period-eligibility.js'
import { resolveScope } from '../../server/features/process/dashboard/scope.js'
import { processNumbers } from '../../server/features/process/dashboard/staff-metrics.js'
import { trend } from '../../server/features/process/dashboard/trend.js'
import { dayStartIso, addDays } from '../../server/features/process/days.js'
import type { SessionStaff } from '../../server/lib/express-types.js'

const [url, branchId, from, to] = process.argv.slice(2)
if (!url || !branchId || !from || !to)
  throw new Error('usage: dashboard-parts.ts <DATABASE_URL> <branchId> <from> <to>')
const db = await openDb(url, { poolSize: 2, statementTimeoutMs: 0, namedStatements: false })
const k = db.kysely
const viewer = (await k
  .selectFrom('staff')
  .select(['id', 'wecom_userid as userid', 'name', 'role', 'branch_id as branchId'])
  .where('branch_id', '=', branchId)
  .where('role', '=', 'supervisor')
  .executeTakeFirstOrThrow()) as SessionStaff
const { staff } = await resolveScope(k, viewer)
const userids = staff.map((s) => s.userid)
const [start, end] = [dayStartIso(from), dayStartIso(addDays(to, 1))]
const parts: Record<string, () => Promise<unknown>> = {
  resolveScope: () => resolveScope(k, viewer),
  processNumbers: () => processNumbers(k, userids, from, to),
  coverageByStaff: () => coverageByStaff(k, staff),
  'periodRuleCounts (all rules)': () => periodRuleCounts(k, staff, from, to),
  'flaggedAdds (out-of-province)': () => flaggedAdds(k, staff, start, end),
  openTasks: () => openTasks(k, userids, to),
  openedNotVerified: () => openedNotVerified(k, userids, start, end, new Date().toISOString()),
  trend: () => trend(k, userids, from, to),
  freshness: () => freshness(k, new Date()),
}
console.log(`${staff.length} staff in scope of ${branchId}, ${from} … ${to}`)
for (const [name, run] of Object.entries(parts)) {
  const ms: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    await run()
    ms.push(performance.now() - t)
  }
  console.log(
    name.padEnd(30),
    ms
      .sort((a, b) => a - b)
      .map((x) => x.toFixed(0))
      .join(' '),
  )
}
await db.close()
