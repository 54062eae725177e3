import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, type TestApp } from '../support/test-app.js'

export type Client = ReturnType<typeof client>

/** Signs in as a staff member through the demo login. */
export async function signIn(t: TestApp, userid: string): Promise<Client> {
  const c = client(t.baseUrl)
  const res = await c.request('POST', '/api/demo/login', { userid })
  if (res.status !== 200) throw new Error(`login ${userid}: ${res.status}`)
  return c
}

/** A head office with an author and a reviewer, a sub-branch with a manager and a colleague. */
export async function contentBank(t: TestApp) {
  const db = t.ctx.db.kysely
  const head = await insertBranch(db, { level: 'head', name: '总行' })
  const sub = await insertBranch(db, { name: '杭州西湖支行' })
  const author = await insertStaff(db, head.id, 'middle', { name: '内容专员', title: '中台内容专员' })
  const reviewer = await insertStaff(db, head.id, 'middle', { name: '合规审核', title: '合规审核岗', reviewer: 1 })
  const manager = await insertStaff(db, sub.id, 'front', { name: '王敏' })
  const colleague = await insertStaff(db, sub.id, 'front', { name: '赵强' })
  const supervisor = await insertStaff(db, sub.id, 'supervisor', { name: '孙行长' })
  return { db, head, sub, author, reviewer, manager, colleague, supervisor }
}

export type Bank = Awaited<ReturnType<typeof contentBank>>

/** A contact of the manager bound to a CRM customer with the given profile. */
export async function boundContact(t: TestApp, bank: Bank, customer: Parameters<typeof insertCustomer>[2] = {}) {
  const cust = await insertCustomer(bank.db, bank.sub.id, { owner_staff_id: bank.manager.id, ...customer })
  const contact = await insertContact(bank.db, bank.manager.wecom_userid, { name: cust.name })
  await bank.db
    .insertInto('bindings')
    .values({
      external_userid: contact.external_userid,
      cif_no: cust.cif_no,
      staff_userid: bank.manager.wecom_userid,
      verified_at: new Date(Date.now() - 86_400_000).toISOString(),
      method: 'link',
      verification_id: null,
    })
    .execute()
  return { customer: cust, contact }
}

export const baseItem = {
  kind: 'text',
  title: '定期存款到期提醒',
  body: '您好，您的定期存款即将到期，可以考虑续存或了解其他稳健产品。',
  topic: 'deposit',
}
export const fundItem = {
  kind: 'article',
  title: '四季度基金市场展望',
  body: '近期权益市场震荡，建议关注长期配置价值。',
  topic: 'fund',
  minRiskLevel: 'R3',
  disclaimer: '基金有风险，投资须谨慎。过往业绩不代表未来表现。',
  tags: ['基金偏好'],
}

export const inDays = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)

/** Author writes, reviewer approves; returns the approved item's id. */
export async function approvedItem(
  t: TestApp,
  bank: Bank,
  body: Record<string, unknown>,
  validDays = 30,
): Promise<number> {
  const author = await signIn(t, bank.author.wecom_userid)
  const created = await author.request('POST', '/api/content/items', body)
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`)
  const submitted = await author.request('POST', `/api/content/items/${created.json.id}/submit`)
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`)
  const reviewer = await signIn(t, bank.reviewer.wecom_userid)
  const approved = await reviewer.request('POST', `/api/content/items/${created.json.id}/approve`, {
    validUntil: inDays(validDays),
  })
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text}`)
  return created.json.id
}
