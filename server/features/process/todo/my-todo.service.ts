import type { MyTodo } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { addDays, dayStartIso, today } from '../days.js'
import { optional } from '../dashboard/result-sources.js'
import { uncoveredCustomers } from '../dashboard/staff-view.service.js'
import { staffIn } from '../dashboard/scope.js'
import { AppError } from '../../../lib/errors.js'
import { dueFollowups } from '../../followups/index.js'

const HIGH_VALUE = ['private', 'wealth', 'vip'] as const

/** The front-office member's own list: open tasks, uncovered high-value customers, maturities, inquiries and answers. */
export async function myTodo(ctx: AppContext, me: SessionStaff): Promise<MyTodo> {
  const db = ctx.db.kysely
  const day = today(ctx.now())
  const member = await resolveStaffSelf(ctx, me)
  const tasks = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select([
      'tasks.id',
      'tasks.kind',
      'tasks.title',
      'tasks.due_date',
      'tasks.payload',
      'task_assignments.progress',
      'task_assignments.target',
    ])
    .where('task_assignments.staff_userid', '=', me.userid)
    .where('task_assignments.status', '=', 'open')
    .where('tasks.status', '=', 'active')
    .where('tasks.start_date', '<=', day)
    .where('tasks.due_date', '>=', day)
    .orderBy('tasks.due_date')
    .execute()
  const highValue = (await Promise.all(HIGH_VALUE.map((s) => uncoveredCustomers(db, member, s, 20))))
    .flat()
    .slice(0, 30)
  const maturities = await db
    .selectFrom('holdings')
    .innerJoin('customers as c', 'c.cif_no', 'holdings.cif_no')
    .select((eb) => [
      'c.cif_no',
      'c.name',
      'holdings.product_type',
      'holdings.maturity_date',
      eb
        .selectFrom('bindings as b')
        .innerJoin('wecom_contacts as wc', 'wc.external_userid', 'b.external_userid')
        .select('b.external_userid')
        .whereRef('b.cif_no', '=', 'c.cif_no')
        .where('wc.staff_userid', '=', me.userid)
        .where('wc.deleted_at', 'is', null)
        .limit(1)
        .as('contact_id'),
    ])
    .where('c.owner_staff_id', '=', me.id)
    .where('holdings.maturity_date', '>=', day)
    .where('holdings.maturity_date', '<=', addDays(day, 6))
    .orderBy('holdings.maturity_date')
    .limit(30)
    .execute()
  const followups = await dueFollowups(ctx, me, day)
  const since = dayStartIso(addDays(day, -7))
  const inquiries = await db
    .selectFrom('events')
    .leftJoin('wecom_contacts as wc', (j) =>
      j.onRef('wc.external_userid', '=', 'events.external_userid').onRef('wc.staff_userid', '=', 'events.staff_userid'),
    )
    .select(['events.external_userid', 'wc.name', 'events.occurred_at', 'events.payload'])
    .where('events.staff_userid', '=', me.userid)
    .where('events.type', '=', 'content_inquiry')
    .where('events.occurred_at', '>=', since)
    .orderBy('events.occurred_at', 'desc')
    .limit(20)
    .execute()
  const answers = await optional(
    () =>
      db
        .selectFrom('escalations')
        .leftJoin('wecom_contacts as wc', (j) =>
          j
            .onRef('wc.external_userid', '=', 'escalations.external_userid')
            .onRef('wc.staff_userid', '=', 'escalations.staff_userid'),
        )
        .select([
          'escalations.id',
          'escalations.question',
          'escalations.answered_at',
          'escalations.external_userid',
          'wc.name',
        ])
        .where('escalations.staff_userid', '=', me.userid)
        .where('escalations.status', '=', 'answered')
        .where('escalations.answered_at', '>=', since)
        .orderBy('escalations.answered_at', 'desc')
        .limit(20)
        .execute(),
    [],
  )
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
