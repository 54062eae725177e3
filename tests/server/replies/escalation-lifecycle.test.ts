import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { repliesBank } from './replies-bank.js'
import { findingsOf, InboxBody } from '../support/responses.js'

describe('问中台 escalation lifecycle', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a manager asks, a middle-office member claims and answers, then the manager sends the answer and it can be promoted to a draft', async () => {
    const b = await repliesBank(t)
    t.setNow(new Date('2026-11-24T02:00:00.000Z')) // Tuesday 10:00 in Beijing
    const manager = await b.as(b.manager)
    const created = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: '养老目标基金 2035 和 2045 有什么区别？',
      topic: 'fund',
      urgency: 'urgent',
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      status: 'open',
      urgency: 'urgent',
      slaDueAt: '2026-11-24T02:30:00.000Z', // urgent: 30 working minutes
      answer: null,
    })
    const stored = await b.db
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(stored.context)).toEqual({
      segment: 'wealth',
      holdingTypes: ['fund'],
      riskLevel: 'R3',
      topics: ['fund', 'wealth'],
    })
    expect(stored.context).not.toContain(b.customer.name)
    const createdEvent = await b.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'escalation_created')
      .where('ref_id', '=', `escalation:${created.json.id}`)
      .execute()
    expect(createdEvent).toHaveLength(1)

    const author = await b.as(b.author)
    const reviewer = await b.as(b.reviewer)
    const inbox = await author.request('GET', '/api/console/escalations')
    const { escalations } = inbox.body(InboxBody)
    expect(escalations.map((e) => e.id)).toContain(created.json.id)
    expect(escalations.find((e) => e.id === created.json.id)).toMatchObject({
      staffName: '王敏',
      overdue: false,
      context: { segment: 'wealth' },
    })

    t.setNow(new Date('2026-11-24T02:30:00.000Z'))
    expect((await author.request('POST', `/api/console/escalations/${created.json.id}/claim`)).json).toMatchObject({
      status: 'claimed',
      claimedByName: '中台小李',
    })
    const stolen = await reviewer.request('POST', `/api/console/escalations/${created.json.id}/claim`)
    expect(stolen.status).toBe(409)
    expect(stolen.json.error.code).toBe('CLAIMED_BY_OTHER')

    const banned = await author.request('POST', `/api/console/escalations/${created.json.id}/answer`, {
      answer: '2045 更激进，长期持有稳赚不赔。',
      disclaimer: '基金有风险，投资须谨慎。',
    })
    expect(banned.status).toBe(422)
    expect(banned.json.error.code).toBe('COMPLIANCE_BLOCKED')
    expect(banned.json.error.details.findings[0]).toMatchObject({ code: 'BANNED_PHRASE', severity: 'block' })
    const noDisclaimer = await author.request('POST', `/api/console/escalations/${created.json.id}/answer`, {
      answer: '2045 的权益仓位更高，波动更大。',
    })
    expect(findingsOf(noDisclaimer).map((f) => f.code)).toContain('MISSING_DISCLAIMER')
    expect(
      (
        await b.db
          .selectFrom('escalations')
          .select('status')
          .where('id', '=', created.json.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('claimed')

    const answer =
      '2035 和 2045 指目标退休年份，2045 的权益仓位更高、波动更大；临近退休的客户一般选离自己退休年份近的。'
    const answered = await author.request('POST', `/api/console/escalations/${created.json.id}/answer`, {
      answer,
      disclaimer: '基金有风险，投资须谨慎。',
    })
    expect(answered.status).toBe(200)
    expect(answered.json).toMatchObject({ status: 'answered', answeredByName: '中台小李', overdue: false })
    const answeredEvent = await b.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'escalation_answered')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(answeredEvent.payload)).toMatchObject({
      minutesToAnswer: 30,
      slaBreached: false,
      askedBy: b.manager.wecom_userid,
    })

    // The manager's tab polls this list and shows the answer ready to send.
    const mine = await manager.request('GET', `/api/replies/escalations?externalUserId=${b.contact.external_userid}`)
    expect(mine.json.escalations[0]).toMatchObject({ id: created.json.id, status: 'answered', answer, used: false })
    const prepared = await manager.request('POST', '/api/replies/uses', {
      escalationId: created.json.id,
      externalUserId: b.contact.external_userid,
      text: answer,
    })
    expect(prepared.status).toBe(201)
    expect(prepared.json).toMatchObject({ edited: false, text: `${answer}\n风险提示：基金有风险，投资须谨慎。` })
    expect((await manager.request('POST', `/api/replies/uses/${prepared.json.id}/sent`)).status).toBe(204)
    expect((await manager.request('POST', `/api/replies/uses/${prepared.json.id}/sent`)).status).toBe(204)
    const used = await b.db.selectFrom('events').selectAll().where('type', '=', 'reply_used').execute()
    expect(used).toHaveLength(1)
    expect(used[0]).toMatchObject({
      ref_id: `escalation:${created.json.id}`,
      staff_userid: b.manager.wecom_userid,
      external_userid: b.contact.external_userid,
    })
    expect((await manager.request('GET', '/api/replies/escalations')).json.escalations[0].used).toBe(true)

    const promoted = await author.request('POST', `/api/console/escalations/${created.json.id}/promote`, {
      tags: ['养老目标基金'],
    })
    expect(promoted.status).toBe(201)
    expect(promoted.json).toMatchObject({
      question: '养老目标基金 2035 和 2045 有什么区别？',
      answer,
      topic: 'fund',
      sourceEscalationId: created.json.id,
      live: false,
      review: { status: 'draft', version: 1 },
    })
    const again = await author.request('POST', `/api/console/escalations/${created.json.id}/promote`, {})
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('ALREADY_PROMOTED')
    expect(
      (
        await b.db
          .selectFrom('escalations')
          .select('promoted_qa_id')
          .where('id', '=', created.json.id)
          .executeTakeFirstOrThrow()
      ).promoted_qa_id,
    ).toBe(promoted.json.id)

    const metrics = await author.request('GET', '/api/console/escalations/metrics?days=30')
    expect(metrics.json).toMatchObject({
      total: 1,
      answered: 1,
      medianMinutesToAnswer: 30,
      slaBreaches: 0,
      promoted: 1,
      byTopic: [{ topic: 'fund', count: 1 }],
    })
    expect(metrics.json.answerUse[0]).toMatchObject({ id: created.json.id, uses: 1, promotedQaId: promoted.json.id })
  })

  it('when a question is asked on Friday evening, then it is due 11:00 Monday and counts as a breach once answered later', async () => {
    const b = await repliesBank(t)
    t.setNow(new Date('2026-11-27T12:00:00.000Z')) // Friday 20:00 in Beijing
    const manager = await b.as(b.manager)
    const created = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: '港股通能开通吗？',
      topic: 'fund',
    })
    expect(created.json.slaDueAt).toBe('2026-11-30T03:00:00.000Z')
    t.setNow(new Date('2026-11-30T05:00:00.000Z'))
    const author = await b.as(b.author)
    const answered = await author.request('POST', `/api/console/escalations/${created.json.id}/answer`, {
      answer: '本行暂未开通港股通业务，可以考虑投资港股的 QDII 基金。',
      disclaimer: '基金有风险，投资须谨慎。',
    })
    expect(answered.json.overdue).toBe(true)
    const metrics = await author.request('GET', '/api/console/escalations/metrics?days=7')
    expect(metrics.json.slaBreaches).toBeGreaterThanOrEqual(1)
  })

  it('when the question is too short or the topic unknown, then 400 names the field in Chinese', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const short = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: '啊',
      topic: 'fund',
    })
    expect(short.status).toBe(400)
    expect(short.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '参数 question 不正确：问题至少 2 个字',
    })
    const topic = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: '这个怎么办？',
      topic: 'stocks',
    })
    expect(topic.json.error.code).toBe('VALIDATION_FAILED')
    const nowhere = await manager.request('POST', '/api/replies/escalations', {
      question: '这个怎么办？',
      topic: 'fund',
    })
    expect(nowhere.status).toBe(400)
    expect(nowhere.json.error.code).toBe('CHAT_REQUIRED')
  })
})
