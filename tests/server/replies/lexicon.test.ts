import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { repliesBank } from './replies-bank.js'

describe('search lexicon and topic guess (issue 18)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when the middle office adds a synonym group, then a question in the customer’s word finds the entry; removing it undoes that', async () => {
    const b = await repliesBank(t)
    await b.publish({
      question: '信用卡年费怎么免？',
      alternatives: [],
      topic: 'general',
      tags: [],
      answer: '普卡当年刷卡满 6 次免次年年费。',
      disclaimer: null,
    })
    const manager = await b.as(b.manager)
    const ask = async () =>
      (
        await manager.request(
          'GET',
          `/api/replies/suggestions?q=${encodeURIComponent('贷记卡年费')}&externalUserId=${b.contact.external_userid}`,
        )
      ).json.suggestions as { question: string }[]
    expect(await ask()).toEqual([])

    const office = await b.as(b.author)
    const added = await office.request('POST', '/api/console/qa-lexicon', { kind: 'synonyms', words: '信用卡，贷记卡' })
    expect(added.status).toBe(201)
    expect(added.json).toMatchObject({ kind: 'synonyms', words: ['信用卡', '贷记卡'] })
    await office.request('POST', '/api/console/qa-lexicon', { kind: 'word', words: '贷记卡' })
    expect((await ask()).map((s) => s.question)).toEqual(['信用卡年费怎么免？'])
    expect((await office.request('GET', '/api/console/qa-lexicon')).json.entries).toHaveLength(2)
    expect(await b.db.selectFrom('qa_lexicon').select('created_by').execute()).toEqual([
      { created_by: b.author.id },
      { created_by: b.author.id },
    ])

    expect((await office.request('DELETE', `/api/console/qa-lexicon/${added.json.id}`)).status).toBe(204)
    expect(await ask()).toEqual([])
  })

  it('when a front-line manager tries to change the lexicon, then 403 and nothing is stored', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const res = await manager.request('POST', '/api/console/qa-lexicon', { kind: 'word', words: '积存金' })
    expect(res.status).toBe(403)
    expect(await b.db.selectFrom('qa_lexicon').selectAll().where('words', '=', '积存金').execute()).toEqual([])
  })

  it('when 问中台 opens for a 留学购汇 question of a payroll customer, then the guessed topic is 外汇, not 存款', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const res = await manager.request(
      'GET',
      `/api/replies/topic-guess?q=${encodeURIComponent('孩子去英国留学，学费怎么换')}`,
    )
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ topic: 'fx' })
  })
})
