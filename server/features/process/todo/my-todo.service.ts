import type { MyTodo } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { addDays, dayStartIso, today } from '../days.js'
import { optional } from '../dashboard/result-sources.js'
import { uncoveredCustomers } from '../dashboard/staff-view.service.js'
import { staffIn } from '../staff.repository.js'
import { AppError } from '../../../lib/errors.js'
import { dueFollowups } from '../../followups/index.js'
import { maturitiesOfBook, openTasksRunningOn, recentAnswers, recentInquiries } from './my-todo.repository.js'

const HIGH_VALUE = ['private', 'wealth', 'vip'] as const

/** The front-office member's own list: open tasks, uncovered high-value customers, maturities, inquiries and answers. */
export async function myTodo(ctx: AppContext, me: SessionStaff): Promise<MyTodo> {
  const db = ctx.db.kysely
  const day = today(ctx.now())
  const member = await resolveStaffSelf(ctx, me)
  const tasks = await openTasksRunningOn(db, me.userid, day)
  const highValue = (await Promise.all(HIGH_VALUE.map((s) => uncoveredCustomers(db, member, s, 20))))
    .flat()
    .slice(0, 30)
  const maturities = await maturitiesOfBook(db, me, day, addDays(day, 6))
  const followups = await dueFollowups(ctx, me, day)
  const since = dayStartIso(addDays(day, -7))
  const inquiries = await recentInquiries(db, me.userid, since)
  const answers = await optional(() => recentAnswers(db, me.userid, since), [])
  return {
    tasks: tasks.map((t) => {
      const p = JSON.parse(t.payload) as { text?: string; link?: { title: string; url: string; desc?: string } | null }
      return {
        id: t.id,
        kind: t.kind,
        title: t.title,
        dueDate: t.due_date,
        text: p.text ?? '',
        link: p.link ?? null,
        progress: Number(t.progress),
        target: Number(t.target),
        doableOn: t.kind === 'moment' ? ('mobile' as const) : ('any' as const),
      }
    }),
    highValue,
    maturities: maturities.map((m) => ({
      cifNo: m.cif_no,
      name: m.name,
      productType: m.product_type,
      maturityDate: m.maturity_date!,
      contactId: m.contact_id ?? null,
    })),
    followups,
    inquiries: inquiries
      .filter((i) => i.external_userid)
      .map((i) => ({
        externalUserId: i.external_userid!,
        name: i.name ?? '客户',
        at: i.occurred_at,
        title: String((JSON.parse(i.payload) as { title?: string }).title ?? '资讯'),
      })),
    answers: answers.map((a) => ({
      escalationId: Number(a.id),
      question: a.question,
      answeredAt: a.answered_at!,
      externalUserId: a.external_userid,
      name: a.name ?? null,
    })),
  }
}

/** The signed-in front-office member as a scoped staff row (their employee id, userid and branch province). */
async function resolveStaffSelf(ctx: AppContext, me: SessionStaff) {
  const self = (await staffIn(ctx.db.kysely, [me.branchId])).find((s) => s.userid === me.userid)
  if (!self) throw new AppError('NOT_FRONT_OFFICE', 403, '仅在岗客户经理有个人任务清单')
  return self
}
