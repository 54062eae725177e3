import type { Kysely } from 'kysely'
import { DEFAULT_DISCLAIMERS, type QaTopic } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import { readContactContext, slaDueAt, slaHoursFor } from '../replies/index.js'

interface SeedEscalation {
  question: string
  topic: QaTopic
  urgency: 'normal' | 'urgent'
  askedMinutesAgo: number
  /** Present for answered ones: the answer and how long it took. */
  answer?: { text: string; afterMinutes: number }
}

/** Questions the library does not cover yet, so the console inbox and its metrics are not empty. */
const ESCALATIONS: SeedEscalation[] = [
  {
    question: '客户问：养老目标日期基金 2035 和 2045 有什么区别？50 岁左右适合哪个？',
    topic: 'fund',
    urgency: 'normal',
    askedMinutesAgo: 35,
  },
  {
    question: '客户持有的美元理财下周到期，想续投美元计价的产品，我们现在有哪些可选？',
    topic: 'fx',
    urgency: 'urgent',
    askedMinutesAgo: 12,
  },
  {
    question: '客户想了解家族信托的起点金额，保单能不能装进信托？',
    topic: 'wealth',
    urgency: 'normal',
    askedMinutesAgo: 26 * 60,
  },
  {
    question: '客户问港股通在我们行能不能开通，需要什么条件？',
    topic: 'fund',
    urgency: 'normal',
    askedMinutesAgo: 3 * 60,
  },
  {
    question: '客户问积存金能不能直接转给家人？',
    topic: 'gold',
    urgency: 'normal',
    askedMinutesAgo: 5 * 24 * 60,
    answer: {
      text: '积存金份额不能直接转让给他人。如家人需要，可以由您卖出后把资金转给家人，由家人自行开通积存金后买入；也可以兑换成实物金条后赠与。具体以积存金业务协议为准。',
      afterMinutes: 48,
    },
  },
  {
    question: '客户问个人养老金账户里的钱能不能买黄金？',
    topic: 'deposit',
    urgency: 'normal',
    askedMinutesAgo: 3 * 24 * 60,
    answer: {
      text: '个人养老金账户只能购买列入名录的养老储蓄、理财、基金和保险产品，黄金类产品目前不在范围内。可在手机银行“个人养老金”专区查看可购买的产品清单。',
      afterMinutes: 95,
    },
  },
  {
    question: '客户问信用卡年费怎么减免？',
    topic: 'loan',
    urgency: 'normal',
    askedMinutesAgo: 8 * 24 * 60,
    answer: {
      text: '多数信用卡当年刷卡满一定次数即可减免次年年费，具体次数和卡种规则以信用卡章程为准，可在手机银行信用卡频道查询本卡的减免进度。',
      afterMinutes: 190,
    },
  },
]

/** Open and answered 问中台 questions from the first managers' live contacts, answered by `answererStaffId`. */
export async function seedEscalations(
  trx: Kysely<Database>,
  opts: { answererStaffId: string; now: Date },
): Promise<void> {
  const contacts = await trx
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .select(['wc.staff_userid', 'wc.external_userid'])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .orderBy('wc.id')
    .limit(ESCALATIONS.length)
    .execute()
  for (const [i, e] of ESCALATIONS.entries()) {
    const contact = contacts[i % Math.max(1, contacts.length)]
    if (!contact) return
    const asked = new Date(opts.now.getTime() - e.askedMinutesAgo * 60_000)
    const answeredAt = e.answer ? new Date(asked.getTime() + e.answer.afterMinutes * 60_000).toISOString() : null
    const context = await readContactContext(trx, contact.external_userid, opts.now)
    await trx
      .insertInto('escalations')
      .values({
        staff_userid: contact.staff_userid,
        external_userid: contact.external_userid,
        chat_id: null,
        question: e.question,
        topic: e.topic,
        urgency: e.urgency,
        context: JSON.stringify(context),
        note: null,
        status: e.answer ? 'answered' : 'open',
        created_at: asked.toISOString(),
        sla_due_at: slaDueAt(asked, slaHoursFor(e.urgency)).toISOString(),
        claimed_by: e.answer ? opts.answererStaffId : null,
        claimed_at: answeredAt,
        answer: e.answer?.text ?? null,
        disclaimer: e.answer ? (DEFAULT_DISCLAIMERS[e.topic] ?? null) : null,
        answered_by: e.answer ? opts.answererStaffId : null,
        answered_at: answeredAt,
        promoted_qa_id: null,
      })
      .execute()
  }
}
