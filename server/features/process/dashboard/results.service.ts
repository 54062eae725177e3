import type { Kysely } from 'kysely'
import { percent } from '../../../contracts/metrics.js'
import type { DashboardQueryT, ResultsView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { refreshRollups } from '../rollups/rollups.service.js'
import { namesOf } from '../staff.repository.js'
import { authorRows } from './result-authors.js'
import { contentCohorts, optional } from './result-sources.js'
import { taskResults } from './result-tasks.js'
import { contentTitles, qaQuestions, refTotalsByMetric } from './results.repository.js'
import { periodOf } from './dashboard.service.js'
import { resolveScope } from './scope.js'
import { processNumbers, sumNumbers } from './staff-metrics.js'

async function refTotals(db: Kysely<Database>, prefix: string, from: string, to: string) {
  const rows = await refTotalsByMetric(db, prefix, from, to)
  const out = new Map<string, Record<string, number>>()
  for (const r of rows) out.set(r.ref_id, { ...out.get(r.ref_id), [r.metric]: Number(r.n) })
  return out
}

/** The results tab: per content item, answer, task and author, and friend-request pass rate per row. */
export async function resultsView(ctx: AppContext, viewer: SessionStaff, q: DashboardQueryT): Promise<ResultsView> {
  const db = ctx.db.kysely
  // Scope first: a refused request must not have written anything (the rollup catch-up writes).
  const scope = await resolveScope(db, viewer, q.branchId)
  await refreshRollups(db, { maxBatches: 5 })
  const period = periodOf(q, ctx.now())
  const content = await refTotals(db, 'content', period.from, period.to)
  const cohorts = await contentCohorts(db, period)
  const refs = new Set([...content.keys(), ...(cohorts?.keys() ?? [])])
  const roots = [...refs].map((k) => Number(k.slice(8))).filter(Number.isFinite)
  const items = await optional(() => contentTitles(db, roots.length ? roots : [-1]), [])
  const staffNames = await namesOf(
    db,
    items.map((i) => i.author_staff_id),
  )
  const contentRows = [...refs]
    .map((ref) => {
      const item = items.find((i) => `content:${i.id}` === ref)
      const c = cohorts?.get(ref)
      return {
        ref,
        title: item?.title ?? ref,
        author: item ? (staffNames.get(item.author_staff_id) ?? null) : null,
        sent: c?.sent ?? 0,
        opened: c?.opened ?? 0,
        inquiries: content.get(ref)?.inquiries ?? 0,
        trackable: c?.trackable ?? 0,
        openRate: c?.openRate ?? null,
        conversions: cohorts ? (c?.conversions ?? 0) : null,
      }
    })
    .sort((a, b) => b.sent - a.sent)

  const qa = await refTotals(db, 'qa', period.from, period.to)
  const qaIds = [...qa.keys()].map((k) => Number(k.slice(3))).filter(Number.isFinite)
  const questions = await optional(() => qaQuestions(db, qaIds.length ? qaIds : [-1]), [])
  const answers = [...qa]
    .map(([ref, m]) => ({
      ref,
      title: questions.find((x) => `qa:${x.id}` === ref)?.question ?? ref,
      used: m.used ?? 0,
    }))
    .sort((a, b) => b.used - a.used)

  const tasks = await taskResults(db, period)

  const authors = await authorRows(db, contentRows, items, period)
  const numbers = await processNumbers(
    db,
    scope.staff.map((s) => s.userid),
    period.from,
    period.to,
  )
  const groups = scope.children.length
    ? scope.children.map((c) => ({
        id: c.id,
        name: c.name,
        userids: scope.staff.filter((s) => scope.childOf.get(s.branchId) === c.id).map((s) => s.userid),
      }))
    : scope.staff.map((s) => ({ id: s.userid, name: s.name, userids: [s.userid] }))
  const passRate = groups.map((g) => {
    const n = sumNumbers(g.userids.map((u) => numbers.get(u)!))
    return {
      id: g.id,
      name: g.name,
      friendRequests: n.friendRequests,
      accepted: n.staffAddsAccepted,
      rate: percent(n.staffAddsAccepted, n.friendRequests),
    }
  })
  return { period, content: contentRows, answers, tasks, authors, passRate }
}
