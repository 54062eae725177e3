import type { Kysely } from 'kysely'
import { percent } from '../../../contracts/metrics.js'
import type { DashboardQueryT, ResultsView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { refreshRollups } from '../rollups/rollups.service.js'
import { contentCohorts, namesOf, optional } from './result-sources.js'
import { periodOf } from './dashboard.service.js'
import { resolveScope } from './scope.js'
import { processNumbers, sumNumbers } from './staff-metrics.js'

const rate = percent

async function refTotals(db: Kysely<Database>, prefix: string, from: string, to: string) {
  const rows = await db
    .selectFrom('ref_daily')
    .select(['ref_id', 'metric', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('ref_id', 'like', `${prefix}:%`)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['ref_id', 'metric'])
    .execute()
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
  const items = await optional(
    () =>
      db
        .selectFrom('content_items')
        .select(['id', 'title', 'author_staff_id'])
        .where('id', 'in', roots.length ? roots : [-1])
        .execute(),
    [],
  )
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
  const questions = await optional(
    () =>
      db
        .selectFrom('qa_items')
        .select(['id', 'question'])
        .where('id', 'in', qaIds.length ? qaIds : [-1])
        .execute(),
    [],
  )
  const answers = [...qa]
    .map(([ref, m]) => ({
      ref,
      title: questions.find((x) => `qa:${x.id}` === ref)?.question ?? ref,
      used: m.used ?? 0,
    }))
    .sort((a, b) => b.used - a.used)

  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('task_assignments', 'task_assignments.task_id', 'tasks.id')
    .select(['tasks.id', 'tasks.title', 'tasks.kind', 'task_assignments.status', 'task_assignments.detail'])
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', period.to)
    .where('tasks.due_date', '>=', period.from)
    .execute()
  const taskRows = new Map<string, ResultsView['tasks'][number]>()
  for (const t of tasks) {
    const row = taskRows.get(t.id) ?? {
      id: t.id,
      title: t.title,
      kind: t.kind,
      assigned: 0,
      done: 0,
      doneRate: 0,
      sent: t.kind === 'mass_send' ? 0 : null,
      notFriend: t.kind === 'mass_send' ? 0 : null,
    }
    row.assigned++
    if (t.status === 'done') row.done++
    const d = JSON.parse(t.detail) as { sent?: number; notFriend?: number }
    if (row.sent !== null) row.sent += d.sent ?? 0
    if (row.notFriend !== null) row.notFriend += d.notFriend ?? 0
    row.doneRate = rate(row.done, row.assigned) ?? 0
    taskRows.set(t.id, row)
  }

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
  return { period, content: contentRows, answers, tasks: [...taskRows.values()], authors, passRate }
}

/** Content results summed per author, plus escalation answers per answerer (the middle office's own results). */
async function authorRows(
  db: Kysely<Database>,
  content: ResultsView['content'],
  items: { id: number; author_staff_id: string }[],
  period: { from: string; to: string },
) {
  const answered = await db
    .selectFrom('staff_daily')
    .innerJoin('staff', 'staff.wecom_userid', 'staff_daily.staff_userid')
    .select([
      'staff_daily.staff_userid',
      'staff.name',
      'staff.id',
      'staff_daily.metric',
      (eb) => eb.fn.sum<number>('staff_daily.n').as('n'),
    ])
    .where('staff_daily.metric', 'in', ['escalations_answered', 'escalation_answer_minutes'])
    .where('staff_daily.day', '>=', period.from)
    .where('staff_daily.day', '<=', period.to)
    .groupBy(['staff_daily.staff_userid', 'staff.name', 'staff.id', 'staff_daily.metric'])
    .execute()
  const out = new Map<string, ResultsView['authors'][number]>()
  const names = await namesOf(
    db,
    items.map((i) => i.author_staff_id),
  )
  const userids = await db
    .selectFrom('staff')
    .select(['id', 'wecom_userid'])
    .where('id', 'in', items.length ? items.map((i) => i.author_staff_id) : ['-'])
    .execute()
  const row = (userid: string, name: string) =>
    out.get(userid) ?? {
      staffUserid: userid,
      name,
      items: 0,
      sent: 0,
      opened: 0,
      inquiries: 0,
      answered: 0,
      answerMinutes: null,
    }
  for (const c of content) {
    const item = items.find((i) => `content:${i.id}` === c.ref)
    const userid = item && userids.find((u) => u.id === item.author_staff_id)?.wecom_userid
    if (!item || !userid) continue
    const r = row(userid, names.get(item.author_staff_id) ?? userid)
    Object.assign(r, {
      items: r.items + 1,
      sent: r.sent + c.sent,
      opened: r.opened + c.opened,
      inquiries: r.inquiries + c.inquiries,
    })
    out.set(userid, r)
  }
  for (const a of answered) {
    const r = row(a.staff_userid, a.name)
    if (a.metric === 'escalations_answered') r.answered = Number(a.n)
    else r.answerMinutes = Number(a.n)
    out.set(a.staff_userid, r)
  }
  for (const r of out.values())
    r.answerMinutes = r.answered && r.answerMinutes !== null ? Math.round(r.answerMinutes / r.answered) : null
  return [...out.values()]
}
