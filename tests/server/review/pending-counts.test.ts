import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { baseItem, contentBank, signIn } from '../content/content-fixtures.js'

describe('console pending counts and the reviewer capability', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when an author submits and a reviewer rejects, then each sees what waits for them and /session/me names the reviewer', async () => {
    const bank = await contentBank(t)
    const author = await signIn(t, bank.author.wecom_userid)
    const reviewer = await signIn(t, bank.reviewer.wecom_userid)
    const id = (await author.request('POST', '/api/content/items', baseItem)).json.id
    await author.request('POST', `/api/content/items/${id}/submit`)

    expect((await reviewer.request('GET', '/api/session/me')).json.reviewer).toBe(true)
    expect((await author.request('GET', '/api/session/me')).json.reviewer).toBe(false)
    expect((await reviewer.request('GET', '/api/console/pending')).json.content).toEqual({
      toReview: 1,
      rejectedMine: 0,
    })
    // Her own item in review is not hers to decide, reviewer or not.
    expect((await author.request('GET', '/api/console/pending')).json.content).toEqual({ toReview: 0, rejectedMine: 0 })

    await reviewer.request('POST', `/api/content/items/${id}/reject`, { reason: '请补充风险提示' })
    expect((await author.request('GET', '/api/console/pending')).json.content).toEqual({ toReview: 0, rejectedMine: 1 })
    expect((await reviewer.request('GET', '/api/console/pending')).json.content.toReview).toBe(0)

    const manager = await signIn(t, bank.manager.wecom_userid)
    expect((await manager.request('GET', '/api/console/pending')).status).toBe(403)
  })
})
