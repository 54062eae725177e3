import type { QaItemInput } from '../../../server/contracts/replies.js'
import { publishQaEntry } from '../../../server/features/replies/qa-library.service.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, type TestApp } from '../support/test-app.js'

const DAY_MS = 86_400_000

export const FUND_ENTRY: QaItemInput = {
  question: '基金赎回多久到账？',
  alternatives: ['卖出基金钱什么时候到'],
  topic: 'fund',
  tags: ['赎回'],
  answer: '货币基金一般 T+1 日到账，股票型基金一般 T+1 至 T+4 个交易日到账，具体以基金合同为准。',
  disclaimer: '基金有风险，投资须谨慎。',
}
export const DEPOSIT_ENTRY: QaItemInput = {
  question: '定期存款提前取会损失利息吗？',
  alternatives: [],
  topic: 'deposit',
  tags: ['定期'],
  answer: '提前支取的部分按支取日活期利率计息，会损失利息。',
  disclaimer: null,
}

/** A small bank: a manager with a bound fund-holding contact, a colleague, two middle-office members (one reviewer). */
export async function repliesBank(t: TestApp) {
  const db = t.ctx.db.kysely
  const branch = await insertBranch(db, { level: 'branch', name: '杭州分行' })
  const sub = await insertBranch(db, { parent_id: branch.id, name: '杭州西湖支行' })
  const manager = await insertStaff(db, sub.id, 'front', { name: '王敏' })
  const colleague = await insertStaff(db, sub.id, 'front', { name: '赵强' })
  const author = await insertStaff(db, branch.id, 'middle', { name: '中台小李', title: '中台内容专员' })
  const reviewer = await insertStaff(db, branch.id, 'middle', { name: '合规老周', title: '合规审核岗', reviewer: 1 })
  const supervisor = await insertStaff(db, branch.id, 'supervisor', { name: '孙行长' })
  const customer = await insertCustomer(db, sub.id, { owner_staff_id: manager.id, segment: 'wealth' })
  const contact = await insertContact(db, manager.wecom_userid!, { name: '李华' })
  await db
    .insertInto('bindings')
    .values({
      external_userid: contact.external_userid,
      cif_no: customer.cif_no,
      staff_userid: manager.wecom_userid!,
      verified_at: new Date().toISOString(),
      method: 'link',
      verification_id: null,
    })
    .execute()
  await db
    .insertInto('holdings')
    .values({
      cif_no: customer.cif_no,
      product_type: 'fund',
      amount_cents: 30_000_000,
      opened_at: '2025-01-01',
      maturity_date: null,
    })
    .execute()
  const colleagueContact = await insertContact(db, colleague.wecom_userid!, { name: '张伟' })

  async function publish(input: QaItemInput, over: { validFrom?: Date; validUntil?: Date } = {}) {
    const now = t.ctx.now()
    return db.transaction().execute((trx) =>
      publishQaEntry(trx, input, {
        authorStaffId: author.id,
        reviewerStaffId: reviewer.id,
        now,
        validFrom: over.validFrom ?? new Date(now.getTime() - DAY_MS),
        validUntil: over.validUntil ?? new Date(now.getTime() + 90 * DAY_MS),
      }),
    )
  }

  async function as(staff: { wecom_userid: string | null }) {
    const c = client(t.baseUrl)
    const res = await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`)
    return c
  }

  return { db, manager, colleague, author, reviewer, supervisor, customer, contact, colleagueContact, publish, as }
}
