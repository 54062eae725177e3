import type { Kysely } from 'kysely'
import type { AttributionRule, ContactProfile } from '../../contracts/contacts.js'
import type { Database } from '../../db/database.js'
import { beijingDate } from '../../lib/time.js'
import {
  assessmentMonth,
  BURST_SIZE,
  isFirstAdd,
  isOutOfProvince,
  isOutOfProvinceExcess,
  isPeerBankContact,
  outOfProvinceAllowance,
  outOfProvinceShare,
} from './attribution-rules.js'
import { addsAround } from './add-bursts.js'
import {
  countVerificationsByProvince,
  findFirstAddOfCustomer,
  listOtherStaffOfContact,
} from './attribution.repository.js'
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

/** First add of this customer by anyone at the bank, over every WeChat identity bound to the customer. */
async function firstAddRule(db: Kysely<Database>, cifNo: string, relation: ContactRow): Promise<AttributionRule> {
  const first = await findFirstAddOfCustomer(db, cifNo)
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

async function outOfProvinceRule(db: Kysely<Database>, i: Inputs): Promise<AttributionRule> {
  const label = '省外认证占比 ≤ 20%'
  const ext = i.relation.external_userid
  // The first binding by anyone, when the owner made it, is also the owner's first: the verification judged here.
  const mine =
    i.binding?.staff_userid === i.staff.userid ? i.binding : await findFirstBindingBy(db, ext, i.staff.userid)
  if (!mine) return { key: 'out_of_province', label, verdict: 'pass', reason: '尚无您发起的认证，不涉及省外占比' }
  const month = assessmentMonth(mine.verified_at)
  const counts = await countVerificationsByProvince(db, {
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
    listOtherStaffOfContact(db, relation.external_userid, relation.staff_userid),
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
