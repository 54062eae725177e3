import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approvedItem, boundContact, contentBank, signIn, type Bank } from '../content/content-fixtures.js'
import { FUND_ENTRY, repliesBank } from '../replies/replies-bank.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import type { OutboundPath } from '../../../server/features/compliance/index.js'

// Each evasive claim would pass a literal matcher: spaced, zero-width split, hyphenated, traditional, full-width.
const EVASIVE = ['保 本 保 息', '穩賺不賠', '零-风-险', '稳\u200b赚', '收益率保证８％', '國家擔保']

let t: TestApp
let bank: Bank
beforeAll(async () => {
  t = await startTestApp()
  bank = await contentBank(t)
})
afterAll(async () => {
  await t.close()
})

const paths = async (path: OutboundPath) =>
  (await t.ctx.db.kysely.selectFrom('compliance_checks').selectAll().where('path', '=', path).execute()).map((r) => ({
    blocked: Number(r.blocked),
    version: r.lexicon_version,
  }))

describe('every outbound path passes the compliance gate', () => {
  it('when a content item with an evasive claim is submitted, then 422 and the attempt is not approved', async () => {
    const author = await signIn(t, bank.author.wecom_userid)
    for (const claim of EVASIVE) {
      const { json } = await author.request('POST', '/api/content/items', {
        kind: 'text',
        title: '存款到期提醒',
        body: `您好，这款新品${claim}，欢迎咨询。`,
        topic: 'deposit',
      })
      const res = await author.request('POST', `/api/content/items/${json.id}/submit`)
      expect([res.status, res.json.error?.code], claim).toEqual([422, 'COMPLIANCE_BLOCKED'])
    }
  })

  it('when a manager edits a text item with an evasive claim before sending, then 422; the unedited send leaves with its 风险提示', async () => {
    const itemId = await approvedItem(t, bank, {
      kind: 'text',
      title: '理财到期提醒',
      body: '您好，您持有的理财即将到期，可了解新发产品。',
      topic: 'wealth',
      disclaimer: '理财非存款、产品有风险、投资须谨慎。',
    })
    const { contact } = await boundContact(t, bank, { risk_level: 'R3' })
    const manager = await signIn(t, bank.manager.wecom_userid)
    for (const claim of EVASIVE) {
      const res = await manager.request('POST', '/api/content/sends', {
        itemId,
        externalUserId: contact.external_userid,
        text: `您好，新发产品${claim}。`,
      })
      expect([res.status, res.json.error?.code], claim).toEqual([422, 'COMPLIANCE_BLOCKED'])
    }
    const sent = await manager.request('POST', '/api/content/sends', {
      itemId,
      externalUserId: contact.external_userid,
    })
    expect(sent.status).toBe(201)
    expect(sent.json.message.text.content).toBe(
      '您好，您持有的理财即将到期，可了解新发产品。\n风险提示：理财非存款、产品有风险、投资须谨慎。',
    )
    expect(await paths('content.send')).toContainEqual({ blocked: 0, version: 'r2.0' })
    expect((await paths('content.send')).filter((p) => p.blocked).length).toBe(EVASIVE.length)
  })

  it('when a 问中台 answer or an edited reply carries an evasive claim, then 422 and nothing is stored as answered', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const created = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: '这个基金会亏吗？',
      topic: 'fund',
      urgency: 'normal',
    })
    const author = await b.as(b.author)
    for (const claim of EVASIVE) {
      const res = await author.request('POST', `/api/console/escalations/${created.json.id}/answer`, {
        answer: `放心，${claim}。`,
        disclaimer: '基金有风险，投资须谨慎。',
      })
      expect([res.status, res.json.error?.code], claim).toEqual([422, 'COMPLIANCE_BLOCKED'])
    }
    const qaId = await b.publish(FUND_ENTRY)
    for (const claim of EVASIVE) {
      const res = await manager.request('POST', '/api/replies/uses', {
        externalUserId: b.contact.external_userid,
        qaItemId: qaId,
        text: `${FUND_ENTRY.answer}${claim}`,
      })
      expect([res.status, res.json.error?.code], claim).toEqual([422, 'COMPLIANCE_BLOCKED'])
    }
    expect((await paths('escalation.answer')).every((p) => p.blocked === 1)).toBe(true)
    expect((await paths('reply.send')).filter((p) => p.blocked).length).toBe(EVASIVE.length)
  })

  it('when a Q&A entry with an evasive claim is submitted for review, then 422', async () => {
    const b = await repliesBank(t)
    const author = await b.as(b.author)
    const created = await author.request('POST', '/api/console/qa', {
      ...FUND_ENTRY,
      question: '定投会亏吗？',
      answer: '定投长期持有穩賺不賠。',
    })
    expect(created.status).toBe(201)
    const res = await author.request('POST', `/api/console/qa/${created.json.id}/submit`)
    expect([res.status, res.json.error.code]).toEqual([422, 'COMPLIANCE_BLOCKED'])
    expect(res.json.error.details.findings[0]).toMatchObject({
      category: 'principal_safety',
      excerpt: expect.stringContaining('穩賺不賠'),
    })
  })
})

describe('a blocked submit stays in the audit trail', () => {
  it('when a content item, a Q&A entry and a welcome message are blocked at submit, then each attempt is a blocked compliance_checks row and the item stays a draft', async () => {
    const author = await signIn(t, bank.author.wecom_userid)
    const db = t.ctx.db.kysely
    const content = await author.request('POST', '/api/content/items', {
      kind: 'text',
      title: '理财新品推荐',
      body: '这款理财保本保息，欢迎咨询。',
      topic: 'wealth',
    })
    const qa = await author.request('POST', '/api/console/qa', {
      ...FUND_ENTRY,
      question: '这个基金稳不稳？',
      answer: '长期持有穩賺不賠。',
    })
    const welcome = await author.request('POST', '/api/welcome/messages', {
      title: '新客欢迎语',
      text: '欢迎您！本行理财零风险、保本保息。',
    })
    const attempts = [
      ['content_items', `/api/content/items/${content.json.id}/submit`, content.json.id],
      ['qa_items', `/api/console/qa/${qa.json.id}/submit`, qa.json.id],
      ['welcome_messages', `/api/welcome/messages/${welcome.json.id}/submit`, welcome.json.id],
    ] as const
    for (const [table, url, id] of attempts) {
      const res = await author.request('POST', url)
      expect([res.status, res.json.error?.code], table).toEqual([422, 'COMPLIANCE_BLOCKED'])
      const checks = await db
        .selectFrom('compliance_checks')
        .select(['staff_id', 'blocked', 'lexicon_version'])
        .where('path', '=', `${table}.submit`)
        .where('ref_id', '=', String(id))
        .execute()
      expect(checks, table).toEqual([{ staff_id: bank.author.id, blocked: 1, lexicon_version: expect.any(String) }])
      const row = await db.selectFrom(table).select('status').where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.status, table).toBe('draft')
    }
  })
})

describe('the lexicon is the middle office’s, versioned and reviewed', () => {
  it('when a reviewer proposes a phrase, then they cannot approve it themselves; once another approves it, variants are caught and checks record the new version', async () => {
    const proposer = await signIn(t, bank.reviewer.wecom_userid)
    const proposed = await proposer.request('POST', '/api/review/banned-phrases', {
      phrase: '内部额度',
      severity: 'block',
      category: 'sales_pressure',
      explanation: '不得以内部渠道、内部额度诱导购买',
      source: '《银行保险机构消费者权益保护管理办法》',
    })
    expect(proposed.status).toBe(201)
    const self = await proposer.request('POST', `/api/review/banned-phrases/${proposed.json.id}/approve`)
    expect([self.status, self.json.error.code]).toEqual([403, 'SELF_APPROVAL'])
    const db = t.ctx.db.kysely
    await db.updateTable('staff').set({ reviewer: 1 }).where('id', '=', bank.author.id).execute()
    const approver = await signIn(t, bank.author.wecom_userid)
    expect((await approver.request('POST', `/api/review/banned-phrases/${proposed.json.id}/approve`)).status).toBe(200)
    const dry = await approver.request('POST', '/api/review/check', {
      fields: { body: '为您争取到內部 額度' },
      topic: 'general',
    })
    expect(dry.json.findings).toEqual([
      expect.objectContaining({ code: 'BANNED_PHRASE', category: 'sales_pressure', excerpt: '为您争取到內部 額度' }),
    ])
    const list = await approver.request('GET', '/api/review/banned-phrases')
    expect(list.json.lexiconVersion).toBe('r2.1')
    const audit = await approver.request('GET', '/api/review/outbound-checks?blocked=1&limit=5')
    expect(audit.status).toBe(200)
    expect(audit.json.checks[0]).toMatchObject({ blocked: true, lexiconVersion: expect.stringMatching(/^r2\.\d+$/) })
    await db.updateTable('staff').set({ reviewer: 0 }).where('id', '=', bank.author.id).execute()
  })
})
