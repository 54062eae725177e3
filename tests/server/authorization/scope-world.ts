import { publishQaEntry } from '../../../server/features/replies/qa-library.service.js'
import { insertPerson } from '../simulator/factories.js'
import { insertGroup } from '../simulator/group-factories.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, type TestApp } from '../support/test-app.js'

/** The callers of the scope matrix: two front-office managers, a supervisor per branch, a middle-office editor, an admin. */
export const CALLERS = ['mA', 'mB', 'sA', 'sB', 'mid', 'admin'] as const
export type Caller = (typeof CALLERS)[number]

export type Session = ReturnType<typeof client>
const DAY_MS = 86_400_000

/** Beijing calendar day, `days` from now (holding maturities and content validity are days). */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10)

async function signIn(t: TestApp, userid: string, ip: string): Promise<Session> {
  const c = client(t.baseUrl, { 'x-forwarded-for': ip })
  const res = await c.request('POST', '/api/demo/login', { userid })
  if (res.status !== 200) throw new Error(`login ${userid}: ${res.status} ${res.text}`)
  return c
}

function ok(res: { status: number; text: string }, what: string, status: number) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`)
}

/**
 * Head office → 杭州分行 (A) → 西湖支行 (A1), and 宁波分行 (B). `mA` (in A1) has a verified contact `cA`
 * bound through a verification to a customer of A1, an unverified contact `cAu`, an uncovered private
 * customer, a group with `cA` in it, and the sidebar trail the product leaves: a verification link not yet
 * confirmed as sent, content sends, a reply prepared from the Q&A library, a 问中台 question, a customer
 * inquiry and a viewed profile. `mB` (in B) has a verified contact `cB`. `sA`/`sB` supervise A/B; `mid` is a
 * middle-office editor (with a reviewer beside them); `admin` is the bank's IT.
 */
export async function scopeWorld(t: TestApp) {
  const db = t.ctx.db.kysely
  const head = await insertBranch(db, { level: 'head', name: '总行', province: '浙江' })
  const branchA = await insertBranch(db, { level: 'branch', parent_id: head.id, name: '杭州分行', province: '浙江' })
  const subA1 = await insertBranch(db, { level: 'sub', parent_id: branchA.id, name: '西子湖畔支行', province: '浙江' })
  const branchB = await insertBranch(db, { level: 'branch', parent_id: head.id, name: '宁波分行', province: '浙江' })

  const staff = {
    mA: await insertStaff(db, subA1.id, 'front', { name: '王敏' }),
    mB: await insertStaff(db, branchB.id, 'front', { name: '冯宁' }),
    sA: await insertStaff(db, branchA.id, 'supervisor', { name: '孙行长', title: '分行个金部总经理' }),
    sB: await insertStaff(db, branchB.id, 'supervisor', { name: '周行长', title: '分行个金部总经理' }),
    mid: await insertStaff(db, head.id, 'middle', { name: '中台小李', title: '中台内容专员' }),
    admin: await insertStaff(db, head.id, 'admin', { name: '科技部管理员', title: '系统管理员' }),
  }
  const reviewer = await insertStaff(db, head.id, 'middle', { name: '合规老周', title: '合规审核岗', reviewer: 1 })
  const mA = staff.mA.wecom_userid
  const mB = staff.mB.wecom_userid

  // cA: mA's contact, verified through a link and bound to a customer of A1 with holdings (one maturing this week).
  const cA = await insertPerson(t.ctx.db, { externalUserid: 'wmScopeCA0000000001', name: '慕容雪芹' })
  await insertContact(db, mA, { external_userid: cA, name: '慕容雪芹', remark: '慕容雪芹 老客户' })
  const customerA = await insertCustomer(db, subA1.id, {
    name: '司徒青云',
    phone: '13755501234',
    id_no: '330106198805057788',
    owner_staff_id: staff.mA.id,
    segment: 'wealth',
  })
  const verifiedAt = new Date(Date.now() - DAY_MS).toISOString()
  const verificationA = '6f0d6c0e-7a55-4d71-9c3e-000000000a01'
  await db
    .insertInto('verifications')
    .values({
      id: verificationA,
      token_hash: 'scope-matrix-token-hash-ca',
      staff_userid: mA,
      external_userid: cA,
      status: 'verified',
      created_at: verifiedAt,
      expires_at: verifiedAt,
      sent_at: verifiedAt,
      opened_at: verifiedAt,
      verified_at: verifiedAt,
      failed_at: null,
      failure_reason: null,
      identity_attempts: 1,
      code_attempts: 1,
      code_hash: null,
      code_expires_at: null,
      code_sent_at: null,
      candidate_cif_no: customerA.cif_no,
      candidate_problem: null,
      cif_no: customerA.cif_no,
      client_ip: null,
      ip_province: '浙江',
    })
    .execute()
  await db
    .insertInto('bindings')
    .values({
      external_userid: cA,
      cif_no: customerA.cif_no,
      staff_userid: mA,
      verified_at: verifiedAt,
      method: 'link',
      verification_id: verificationA,
    })
    .execute()
  await db
    .insertInto('holdings')
    .values([
      {
        cif_no: customerA.cif_no,
        product_type: 'fund',
        amount_cents: 30_000_000,
        opened_at: '2025-01-01',
        maturity_date: null,
      },
      {
        cif_no: customerA.cif_no,
        product_type: 'time_deposit',
        amount_cents: 50_000_000,
        opened_at: '2025-06-01',
        maturity_date: beijingDay(3),
      },
    ])
    .execute()
  // cAu: mA's contact, not verified yet (the target of a new verification link).
  const cAu = await insertPerson(t.ctx.db, { externalUserid: 'wmScopeCAu000000001', name: '上官未央' })
  await insertContact(db, mA, { external_userid: cAu, name: '上官未央' })
  const uncovered = await insertCustomer(db, subA1.id, {
    name: '欧阳明月',
    owner_staff_id: staff.mA.id,
    segment: 'private',
    aum_cents: 900_000_000,
  })
  const chatId = await insertGroup(
    t.ctx.db,
    mA,
    [
      [cA, 2],
      [cAu, 2],
    ],
    { name: '西子湖畔财富沙龙群' },
  )

  // cB: mB's own verified contact.
  const cB = await insertPerson(t.ctx.db, { externalUserid: 'wmScopeCB0000000001', name: '冯客户' })
  await insertContact(db, mB, { external_userid: cB, name: '冯客户' })
  const customerB = await insertCustomer(db, branchB.id, {
    name: '冯客户',
    owner_staff_id: staff.mB.id,
    segment: 'vip',
  })
  await db
    .insertInto('bindings')
    .values({
      external_userid: cB,
      cif_no: customerB.cif_no,
      staff_userid: mB,
      verified_at: verifiedAt,
      method: 'link',
      verification_id: null,
    })
    .execute()

  const ips: Record<Caller, string> = {
    mA: '192.0.2.21',
    mB: '192.0.2.22',
    sA: '192.0.2.23',
    sB: '192.0.2.24',
    mid: '192.0.2.25',
    admin: '192.0.2.26',
  }
  const sessions = {} as Record<Caller, Session>
  for (const who of Object.keys(staff) as Caller[]) sessions[who] = await signIn(t, staff[who].wecom_userid, ips[who])
  const reviewerSession = await signIn(t, reviewer.wecom_userid, '192.0.2.27')

  // Content, written by the editor and approved by the reviewer.
  const approved = async (body: Record<string, unknown>) => {
    const created = await sessions.mid.request('POST', '/api/content/items', body)
    ok(created, 'create content', 201)
    ok(await sessions.mid.request('POST', `/api/content/items/${created.json.id}/submit`), 'submit content', 200)
    ok(
      await reviewerSession.request('POST', `/api/content/items/${created.json.id}/approve`, {
        validUntil: beijingDay(30),
      }),
      'approve content',
      200,
    )
    return created.json.id as number
  }
  const depositBody = '您好，您的定期存款即将到期，可以考虑续存或了解其他稳健产品。'
  const items = {
    fixture: await approved({ kind: 'text', title: '定期存款到期提醒', body: depositBody, topic: 'deposit' }),
    send: await approved({
      kind: 'text',
      title: '活期转定期小贴士',
      body: '您好，闲置资金可以考虑转存定期，利率更高，支取规则请咨询客户经理。',
      topic: 'deposit',
    }),
    recipe: await approved({
      kind: 'text',
      title: '大额存单额度提醒',
      body: '您好，本月大额存单额度已开放，起存金额与期限请咨询客户经理。',
      topic: 'deposit',
    }),
    moment: await approved({
      kind: 'moment',
      title: '周末理财小课堂',
      body: '本周六上午十点，网点理财小课堂欢迎预约参加。',
      topic: 'general',
    }),
  }
  const sent = await sessions.mA.request('POST', '/api/content/sends', { itemId: items.fixture, externalUserId: cA })
  ok(sent, 'send content', 201)
  ok(await sessions.mA.request('POST', `/api/content/sends/${sent.json.sendId}/sent`), 'mark content sent', 204)
  const reader = client(t.baseUrl)
  ok(await reader.request('GET', `/api/public/content/${sent.json.sendId}`), 'customer opens the page', 200)
  ok(await reader.request('POST', `/api/public/content/${sent.json.sendId}/inquiry`), 'customer inquiry', 202)
  // The fixture item went to cA just now, so a second send to cA uses another item; this one is prepared, not yet sent.
  const pendingSend = await sessions.mA.request('POST', '/api/content/sends', {
    itemId: items.send,
    externalUserId: cA,
  })
  ok(pendingSend, 'prepare a send', 201)

  // Verification link for cAu, not yet confirmed as sent.
  const link = await sessions.mA.request('POST', '/api/verifications', { externalUserId: cAu })
  ok(link, 'create verification link', 201)

  // Q&A library entry, a reply prepared from it, and a 问中台 question about cA.
  const now = t.ctx.now()
  const qaItemId = await db.transaction().execute((trx) =>
    publishQaEntry(
      trx,
      {
        question: '基金赎回多久到账？',
        alternatives: ['卖出基金钱什么时候到'],
        topic: 'fund',
        tags: ['赎回'],
        answer: '货币基金一般 T+1 日到账，股票型基金一般 T+1 至 T+4 个交易日到账，具体以基金合同为准。',
        disclaimer: '基金有风险，投资须谨慎。',
      },
      {
        authorStaffId: staff.mid.id,
        reviewerStaffId: reviewer.id,
        now,
        validFrom: new Date(now.getTime() - DAY_MS),
        validUntil: new Date(now.getTime() + 90 * DAY_MS),
      },
    ),
  )
  const qaAnswer = '货币基金一般 T+1 日到账，股票型基金一般 T+1 至 T+4 个交易日到账，具体以基金合同为准。'
  const use = await sessions.mA.request('POST', '/api/replies/uses', { qaItemId, externalUserId: cA, text: qaAnswer })
  ok(use, 'prepare reply', 201)
  const question = '慕容女士问：积存金能否直接转赠给女儿？'
  const escalation = await sessions.mA.request('POST', '/api/replies/escalations', {
    externalUserId: cA,
    question,
    topic: 'gold',
  })
  ok(escalation, 'escalate', 201)

  // mA opened cA's profile: an audited view that A's supervisor can review.
  ok(await sessions.mA.request('GET', `/api/contacts/${cA}`), 'open profile', 200)

  return {
    head,
    branchA,
    subA1,
    branchB,
    staff,
    reviewer,
    sessions,
    cA,
    cAu,
    cB,
    chatId,
    customerA,
    customerB,
    uncovered,
    items,
    qaItemId,
    qaAnswer,
    question,
    /** mA's records the routes take by id. */
    ids: {
      verification: link.json.id as string,
      send: pendingSend.json.sendId as string,
      use: use.json.id as string,
      escalation: escalation.json.id as number,
    },
    /**
     * Strings that only mA's book (and those allowed to see it) may show: names, CRM numbers and PII,
     * contact ids, the question asked about cA, and the ids of mA's records. None may appear in a refusal
     * or in an answer given to someone outside mA's book.
     */
    secrets: [
      '慕容雪芹',
      '上官未央',
      '司徒青云',
      '欧阳明月',
      customerA.cif_no,
      uncovered.cif_no,
      customerA.phone,
      customerA.id_no,
      cA,
      cAu,
      question,
      link.json.id as string,
      pendingSend.json.sendId as string,
      sent.json.sendId as string,
      use.json.id as string,
      staff.mA.id,
    ],
  }
}

export type ScopeWorld = Awaited<ReturnType<typeof scopeWorld>>
