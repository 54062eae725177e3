import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskQuestion } from '../../../server/features/replies/question-masking.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { FUND_ENTRY, repliesBank } from './replies-bank.js'

describe('replies learning loop (issue 18)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when questions find no answer, then the middle office sees them by frequency with customer details masked', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const ask = (q: string) =>
      manager.request(
        'GET',
        `/api/replies/suggestions?q=${encodeURIComponent(q)}&externalUserId=${b.contact.external_userid}`,
      )
    expect((await ask('我是王先生，手机13812345678，对公账户开户要什么材料')).json.suggestions).toEqual([])
    await ask('我是王先生，手机13812345678，对公账户开户要什么材料？')
    await ask('家族信托门槛多少')
    await ask('对公') // a fragment while typing: not recorded

    const office = await b.as(b.author)
    const res = await office.request('GET', '/api/console/qa-unanswered')
    expect(res.status).toBe(200)
    const noResult = res.json.questions.filter((q: { source: string }) => q.source === 'no-result')
    expect(noResult.map((q: { question: string; count: number }) => [q.question, q.count])).toEqual([
      ['我是*先生，手机[手机号]，对公账户开户要什么材料', 2],
      ['家族信托门槛多少', 1],
    ])
    expect(JSON.stringify(await b.db.selectFrom('reply_misses').selectAll().execute())).not.toContain('13812345678')
    expect((await manager.request('GET', '/api/console/qa-unanswered')).status).toBe(403)
  })

  it('when a manager marks a suggestion 有用 or 没用, then it is stored with the masked question', async () => {
    const b = await repliesBank(t)
    const id = await b.publish(FUND_ENTRY)
    const manager = await b.as(b.manager)
    const res = await manager.request('POST', '/api/replies/feedback', {
      qaItemId: id,
      helpful: false,
      question: '王女士问基金卖了多久到账',
    })
    expect(res.status).toBe(204)
    expect(
      await b.db.selectFrom('reply_feedback').select(['helpful', 'question']).where('qa_item_id', '=', id).execute(),
    ).toEqual([{ helpful: 0, question: '*女士问基金卖了多久到账' }])
    const missing = await manager.request('POST', '/api/replies/feedback', {
      qaItemId: 999999,
      helpful: true,
      question: 'x',
    })
    expect(missing.status).toBe(404)
  })

  it('when a question carries an ID or card number, then both are masked', () => {
    expect(maskQuestion('身份证330102199001011234，卡号6222021234567890123丢了')).toBe('身份证[证件号]，卡号[卡号]丢了')
  })
})
