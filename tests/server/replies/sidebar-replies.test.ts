import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { DEPOSIT_ENTRY, FUND_ENTRY, repliesBank } from './replies-bank.js'
import { findingsOf, SuggestionsBody } from '../support/responses.js'

const DAY_MS = 86_400_000

describe('sidebar 话术 tab', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it("when the manager types a question, then live answers come back ranked, boosted by the contact's holdings", async () => {
    const b = await repliesBank(t)
    const fund = await b.publish(FUND_ENTRY)
    // Same wording, different topic: only the contact's fund holding separates them.
    const twin = await b.publish({
      ...FUND_ENTRY,
      topic: 'general',
      disclaimer: null,
      question: '基金赎回多久到账？（通用）',
    })
    const manager = await b.as(b.manager)
    const res = await manager.request(
      'GET',
      `/api/replies/suggestions?q=${encodeURIComponent('卖了基金钱多久能到')}&externalUserId=${b.contact.external_userid}`,
    )
    expect(res.status).toBe(200)
    const ids = res.body(SuggestionsBody).suggestions.map((s) => s.id)
    expect(ids.indexOf(fund)).toBeLessThan(ids.indexOf(twin))
    expect(res.json.suggestions[0]).toMatchObject({
      id: fund,
      disclaimer: '基金有风险，投资须谨慎。',
      reasons: ['契合客户情况：基金'],
    })
    expect(res.json.suggestions[0].approvalNo).toMatch(/^ZT-\d{4}-\d{6}$/)
  })

  it('when an entry is expired, not yet valid or retired, then it is never suggested', async () => {
    const b = await repliesBank(t)
    const now = t.ctx.now()
    await b.publish(
      { ...DEPOSIT_ENTRY, question: '大额存单能转让吗？' },
      { validFrom: new Date(now.getTime() + 2 * DAY_MS), validUntil: new Date(now.getTime() + 9 * DAY_MS) },
    )
    const retired = await b.publish({ ...DEPOSIT_ENTRY, question: '大额存单能转让吗？（旧）' })
    await b.db.updateTable('qa_items').set({ status: 'retired' }).where('id', '=', retired).execute()
    const res = await (
      await b.as(b.manager)
    ).request(
      'GET',
      `/api/replies/suggestions?q=${encodeURIComponent('大额存单转让')}&externalUserId=${b.contact.external_userid}`,
    )
    expect(res.json.suggestions).toEqual([])
  })

  it('when the manager sends an unedited answer, then the text carries the 风险提示 and reply_used is logged once with the entry', async () => {
    const b = await repliesBank(t)
    const id = await b.publish(FUND_ENTRY)
    const manager = await b.as(b.manager)
    const prepared = await manager.request('POST', '/api/replies/uses', {
      qaItemId: id,
      externalUserId: b.contact.external_userid,
      text: FUND_ENTRY.answer,
    })
    expect(prepared.status).toBe(201)
    expect(prepared.json).toMatchObject({
      edited: false,
      findings: [],
      text: `${FUND_ENTRY.answer}\n风险提示：基金有风险，投资须谨慎。`,
    })
    expect(await b.db.selectFrom('events').select('id').where('type', '=', 'reply_used').execute()).toHaveLength(0)
    await manager.request('POST', `/api/replies/uses/${prepared.json.id}/sent`)
    const events = await b.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'reply_used')
      .where('staff_userid', '=', b.manager.wecom_userid)
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]!.ref_id).toBe(`qa:${id}`)
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ qaItemId: id, edited: false })
  })

  it('when the manager edits an answer, then the edit is re-checked: a banned phrase blocks it, a clean edit is sent with its diff stored', async () => {
    const b = await repliesBank(t)
    const id = await b.publish(FUND_ENTRY)
    const manager = await b.as(b.manager)
    const blocked = await manager.request('POST', '/api/replies/uses', {
      qaItemId: id,
      externalUserId: b.contact.external_userid,
      text: `${FUND_ENTRY.answer}放心，这只基金稳赚不赔。`,
    })
    expect(blocked.status).toBe(422)
    expect(blocked.json.error.code).toBe('COMPLIANCE_BLOCKED')
    expect(findingsOf(blocked).map((f) => f.code)).toContain('BANNED_PHRASE')
    expect(
      await b.db.selectFrom('reply_uses').select('id').where('staff_userid', '=', b.manager.wecom_userid).execute(),
    ).toHaveLength(0)

    const edited = `李先生您好，${FUND_ENTRY.answer}`
    const ok = await manager.request('POST', '/api/replies/uses', {
      qaItemId: id,
      externalUserId: b.contact.external_userid,
      text: edited,
    })
    expect(ok.status).toBe(201)
    expect(ok.json.edited).toBe(true)
    const row = await b.db.selectFrom('reply_uses').selectAll().where('id', '=', ok.json.id).executeTakeFirstOrThrow()
    expect(JSON.parse(row.edit_diff!)[0]).toEqual({ op: 'insert', text: '李先生您好，' })
    expect(row.sent_text).toBe(ok.json.text)
  })

  it("when the sidebar asks about a colleague's contact, then every endpoint refuses with NOT_YOUR_CONTACT", async () => {
    const b = await repliesBank(t)
    const id = await b.publish(FUND_ENTRY)
    const manager = await b.as(b.manager)
    const theirs = b.colleagueContact.external_userid
    const calls = [
      await manager.request(
        'GET',
        `/api/replies/suggestions?q=${encodeURIComponent('基金赎回')}&externalUserId=${theirs}`,
      ),
      await manager.request('GET', `/api/replies/context?externalUserId=${theirs}`),
      await manager.request('POST', '/api/replies/uses', {
        qaItemId: id,
        externalUserId: theirs,
        text: FUND_ENTRY.answer,
      }),
      await manager.request('POST', '/api/replies/escalations', {
        externalUserId: theirs,
        question: '这个问题怎么答？',
        topic: 'fund',
      }),
    ]
    for (const res of calls) {
      expect(res.status).toBe(403)
      expect(res.json.error.code).toBe('NOT_YOUR_CONTACT')
    }
  })

  it('when the input is bad, then 4xx comes back with a stable code and a Chinese message', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const empty = await manager.request(
      'GET',
      `/api/replies/suggestions?q=&externalUserId=${b.contact.external_userid}`,
    )
    expect(empty.status).toBe(400)
    expect(empty.json.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '参数 q 不正确：请输入客户的问题' })
    const both = await manager.request('POST', '/api/replies/uses', {
      qaItemId: 1,
      escalationId: 1,
      externalUserId: b.contact.external_userid,
      text: '你好你好',
    })
    expect(both.json.error).toMatchObject({ code: 'VALIDATION_FAILED' })
    const missing = await manager.request('POST', '/api/replies/uses', {
      qaItemId: 999999,
      externalUserId: b.contact.external_userid,
      text: '你好你好',
    })
    expect(missing.status).toBe(404)
    const badId = await manager.request('POST', '/api/replies/uses/not-a-uuid/sent')
    expect(badId.json.error.code).toBe('VALIDATION_FAILED')
  })
})
