import { sql, type Kysely } from 'kysely'
import type { AttributionRule, ContactProfile } from '../../contracts/contacts.js'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import { chunks } from '../../lib/collections.js'
import { beijingDate } from '../../lib/time.js'
import {
  assessmentMonth,
  BURST_SIZE,
  BURST_WINDOW_MS,
  isFirstAdd,
  isOutOfProvince,
  isOutOfProvinceExcess,
  isPeerBankContact,
  outOfProvinceAllowance,
  outOfProvinceShare,
  type ProvinceCount,
} from './attribution-rules.js'
import type { ContactRow } from '../wecom/index.js'
import { findFirstBindingBy, type FirstBinding } from '../verification/index.js'

export { OUT_OF_PROVINCE_CAP } from './attribution-rules.js'

type Attribution = ContactProfile['attribution']

interface Inputs {
  relation: ContactRow
  /** The staff member who owns the relation (whose assessment this is). */
  staff: { id: string; userid: string; branchProvince: string }
  /** The contact's first binding by anyone; its `ip_province` saves a read when the owner made it. */
  binding: FirstBinding | undefined
  customer: { has_account: number; owner_staff_id: string | null } | undefined
  now: Date
}

const fmt = beijingDate

/** The 计入考核 verdict: every rule with its own reason, plus anti-gaming flags. */
export async function evaluateAttribution(db: Kysely<Database>, i: Inputs): Promise<Attribution> {
  const rules: AttributionRule[] = []
  const verified = !!i.binding
  rules.push(
    verified
      ? {
          key: 'verified',
          label: '已实名认证',
          verdict: 'pass',
          reason: `${fmt(i.binding!.verified_at)} 完成认证并绑定客户`,
        }
      : { key: 'verified', label: '已实名认证', verdict: 'fail', reason: '尚未完成实名认证，发送认证链接后才能计入' },
  )
  if (!verified || !i.customer) {
    const pending = '完成认证后判断'
    rules.push({ key: 'has_account', label: '在本行开户', verdict: 'unknown', reason: pending })
    rules.push({ key: 'in_book', label: '本人管户客户', verdict: 'unknown', reason: pending })
    rules.push({ key: 'first_add', label: '全行首次添加', verdict: 'unknown', reason: pending })
  } else {
    rules.push(
      i.customer.has_account
        ? { key: 'has_account', label: '在本行开户', verdict: 'pass', reason: '客户在本行有账户' }
        : { key: 'has_account', label: '在本行开户', verdict: 'fail', reason: '客户在本行没有账户' },
    )
    rules.push(
      i.customer.owner_staff_id === i.staff.id
        ? { key: 'in_book', label: '本人管户客户', verdict: 'pass', reason: '客户在您的名下' }
        : {
            key: 'in_book',
            label: '本人管户客户',
            verdict: 'fail',
            reason: i.customer.owner_staff_id ? '客户由其他客户经理管户' : '客户暂无管户客户经理',
          },
    )
  }
  // The three are independent reads: together they cost one round trip on PostgreSQL, not three.
  const [firstAdd, outOfProvince, flags] = await Promise.all([
    verified && i.customer ? firstAddRule(db, i.binding!.cif_no, i.relation) : undefined,
    outOfProvinceRule(db, i),
    gamingFlags(db, i.relation),
  ])
  if (firstAdd) rules.push(firstAdd)
  rules.push(outOfProvince)
  return { counts: rules.every((r) => r.verdict === 'pass'), rules, flags }
}

const firstAddOfCustomer = preparedQuery<
  { cifNo: string },
  { staff_userid: string; add_time: string; name: string | null }
>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .innerJoin('bindings', 'bindings.external_userid', 'wecom_contacts.external_userid')
    .leftJoin('staff', 'staff.wecom_userid', 'wecom_contacts.staff_userid')
    .select(['wecom_contacts.staff_userid', 'wecom_contacts.add_time', 'staff.name'])
    .where('bindings.cif_no', '=', param('cifNo'))
    .orderBy('wecom_contacts.add_time')
    .orderBy('wecom_contacts.id')
    .limit(1),
)

/** First add of this customer by anyone at the bank, over every WeChat identity bound to the customer. */
async function firstAddRule(db: Kysely<Database>, cifNo: string, relation: ContactRow): Promise<AttributionRule> {
  const first = await firstAddOfCustomer.executeTakeFirst(db, { cifNo })
  if (!first || isFirstAdd(first, relation)) {
    return { key: 'first_add', label: '全行首次添加', verdict: 'pass', reason: '您是全行第一位添加该客户的员工' }
  }
  return {
    key: 'first_add',
    label: '全行首次添加',
    verdict: 'fail',
    reason: `${first.name ?? first.staff_userid} 已于 ${fmt(first.add_time)} 首次添加该客户`,
  }
}

/**
 * The manager's verifications of one month per IP province, and how many of each came before this contact's
 * (`before`): one query, counted in the covering index however many there are.
 */
export const provincesThisMonth = preparedQuery<
  { staffUserid: string; monthStart: string; monthEnd: string; mineAt: string; externalUserid: string },
  ProvinceCount & { before: number }
>((db, param) =>
  db
    .selectFrom('bindings')
    .select((eb) => [
      'ip_province',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.or([
                eb('verified_at', '<', param('mineAt')),
                eb.and([eb('verified_at', '=', param('mineAt')), eb('external_userid', '<', param('externalUserid'))]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('before'),
    ])
    .where('staff_userid', '=', param('staffUserid'))
    .where('verified_at', '>=', param('monthStart'))
    .where('verified_at', '<', param('monthEnd'))
    .groupBy('ip_province'),
)

async function outOfProvinceRule(db: Kysely<Database>, i: Inputs): Promise<AttributionRule> {
  const label = '省外认证占比 ≤ 20%'
  const ext = i.relation.external_userid
  // The first binding by anyone, when the owner made it, is also the owner's first: the verification judged here.
  const mine =
    i.binding?.staff_userid === i.staff.userid ? i.binding : await findFirstBindingBy(db, ext, i.staff.userid)
  if (!mine) return { key: 'out_of_province', label, verdict: 'pass', reason: '尚无您发起的认证，不涉及省外占比' }
  const month = assessmentMonth(mine.verified_at)
  const counts = await provincesThisMonth.execute(db, {
    staffUserid: i.staff.userid,
    monthStart: month.start,
    monthEnd: month.end,
    mineAt: mine.verified_at,
    externalUserid: ext,
  })
  const home = i.staff.branchProvince
  const { total, outside } = outOfProvinceShare(counts, home)
  const outsideBefore = counts
    .filter((c) => isOutOfProvince(c.ip_province, home))
    .reduce((a, c) => a + Number(c.before), 0)
  const monthText = `${fmt(mine.verified_at).slice(0, 7)} 认证 ${total} 位，省外 ${outside} 位，按 20% 可计入 ${outOfProvinceAllowance(total)} 位`
  if (!isOutOfProvince(mine.ip_province, home))
    return { key: 'out_of_province', label, verdict: 'pass', reason: `本次为省内认证；${monthText}` }
  if (isOutOfProvinceExcess(outsideBefore, total)) {
    return {
      key: 'out_of_province',
      label,
      verdict: 'flagged',
      reason: `本次为省外认证（${mine.ip_province}），是当月第 ${outsideBefore + 1} 位省外认证，超出部分待复核；${monthText}`,
    }
  }
  return {
    key: 'out_of_province',
    label,
    verdict: 'pass',
    reason: `本次为省外认证（${mine.ip_province}），在 20% 以内计入；${monthText}`,
  }
}

const otherStaffOfContact = preparedQuery<
  { externalUserid: string; staffUserid: string },
  { staff_userid: string; name: string | null }
>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .leftJoin('staff', 'staff.wecom_userid', 'wecom_contacts.staff_userid')
    .select(['wecom_contacts.staff_userid', 'staff.name'])
    .where('wecom_contacts.external_userid', '=', param('externalUserid'))
    .where('wecom_contacts.staff_userid', '!=', param('staffUserid')),
)

const addsInWindow = preparedQuery<{ staffUserid: string; from: string; to: string }, { n: number }>((db, param) =>
  db
    .selectFrom('wecom_contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_userid', '=', param('staffUserid'))
    // An inherited relation (继承) was not added by its holder: it is no add of theirs.
    .where('added_by', 'is', null)
    .where('add_time', '>=', param('from'))
    .where('add_time', '<=', param('to')),
)

/** Adds by the same member within ±30 minutes of `addTime`, itself included (the 短时集中添加 count). */
export async function addsAround(db: Kysely<Database>, staffUserid: string, addTime: string): Promise<number> {
  const t = Date.parse(addTime)
  const [row] = await addsInWindow.execute(db, {
    staffUserid,
    from: new Date(t - BURST_WINDOW_MS).toISOString(),
    to: new Date(t + BURST_WINDOW_MS).toISOString(),
  })
  return Number(row!.n)
}

/** Moments judged per statement by addsAroundEach: four bound values each. */
const MOMENTS_PER_STATEMENT = 250

/**
 * addsAround for many (member, add time) pairs, in their order, a statement per 250 pairs instead of one each:
 * what judging a bulk load's relations needs. The same count as addsAround, by the same index.
 */
export async function addsAroundEach(
  db: Kysely<Database>,
  moments: readonly { staffUserid: string; addTime: string }[],
): Promise<number[]> {
  const counts: number[] = []
  for (const part of chunks(moments, MOMENTS_PER_STATEMENT)) {
    const windows = part.map((m, i) => {
      const t = Date.parse(m.addTime)
      const from = new Date(t - BURST_WINDOW_MS).toISOString()
      const to = new Date(t + BURST_WINDOW_MS).toISOString()
      return sql`(${i}, ${m.staffUserid}, ${from}, ${to})`
    })
    const { rows } = await sql<{ i: number | string; n: number | string }>`
      with w (i, staff_userid, from_time, to_time) as (values ${sql.join(windows)})
      select w.i, (select count(*) from wecom_contacts c
        where c.staff_userid = w.staff_userid and c.added_by is null
        and c.add_time >= w.from_time and c.add_time <= w.to_time) as n
      from w`.execute(db)
    const byIndex = new Map(rows.map((r) => [Number(r.i), Number(r.n)]))
    for (let i = 0; i < part.length; i++) counts.push(byIndex.get(i)!)
  }
  return counts
}

async function gamingFlags(db: Kysely<Database>, relation: ContactRow): Promise<Attribution['flags']> {
  const flags: Attribution['flags'] = []
  if (isPeerBankContact(relation)) {
    flags.push({
      key: 'peer_bank_contact',
      label: '疑似同业互加',
      detail: `对方是「${relation.corp_name}」的企业微信用户`,
    })
  }
  const [others, burst] = await Promise.all([
    otherStaffOfContact.execute(db, { externalUserid: relation.external_userid, staffUserid: relation.staff_userid }),
    relation.added_by ? 0 : addsAround(db, relation.staff_userid, relation.add_time),
  ])
  if (others.length) {
    flags.push({
      key: 'added_by_several_staff',
      label: '多名员工添加',
      detail: `同时被 ${others.map((o) => o.name ?? o.staff_userid).join('、')} 添加`,
    })
  }
  if (burst >= BURST_SIZE) {
    flags.push({ key: 'add_burst', label: '短时集中添加', detail: `添加前后 30 分钟内共添加 ${burst} 位客户` })
  }
  return flags
}
