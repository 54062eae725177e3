import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.js'
import { listRoutes } from '../../../server/lib/route-table.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { repliesBank } from './replies-bank.js'
import { MyEscalationsBody } from '../support/responses.js'

describe('replies authorization', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  // Feedback on a suggestion and the topic guess name no contact: front office, their own data only.
  const NO_CONTACT = new Set(['POST /api/replies/feedback', 'GET /api/replies/topic-guess'])

  it('when listed, then sidebar routes are front office (own book, or signed-in where no contact is named) and console routes middle office', () => {
    const { app } = createApp(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger })
    const routes = listRoutes(app).filter(
      (r) =>
        r.path.startsWith('/api/replies') ||
        r.path.startsWith('/api/console/qa') ||
        r.path.startsWith('/api/console/escalations'),
    )
    expect(routes.length).toBeGreaterThanOrEqual(18)
    for (const r of routes) {
      const expected = r.path.startsWith('/api/replies')
        ? { roles: ['front'], scope: NO_CONTACT.has(`${r.method} ${r.path}`) ? 'signed-in' : 'own-book' }
        : { roles: ['middle'], scope: 'middle-office' }
      expect(r.policy, `${r.method} ${r.path}`).toEqual(expected)
    }
  })

  it('when the wrong role calls, then 403; without a session, 401', async () => {
    const b = await repliesBank(t)
    const [front, middle, supervisor] = [await b.as(b.manager), await b.as(b.author), await b.as(b.supervisor)]
    expect((await front.request('GET', '/api/console/escalations')).status).toBe(403)
    expect((await front.request('GET', '/api/console/qa')).status).toBe(403)
    expect((await supervisor.request('POST', '/api/console/qa', {})).status).toBe(403)
    const sidebar = await middle.request(
      'GET',
      `/api/replies/suggestions?q=x&externalUserId=${b.contact.external_userid}`,
    )
    expect(sidebar.status).toBe(403)
    expect(sidebar.json.error.code).toBe('FORBIDDEN')
    expect((await client(t.baseUrl).request('GET', '/api/replies/escalations')).status).toBe(401)
  })

  it("when a manager prepares a colleague's escalation answer, then it is not found", async () => {
    const b = await repliesBank(t)
    const colleague = await b.as(b.colleague)
    const asked = await colleague.request('POST', '/api/replies/escalations', {
      externalUserId: b.colleagueContact.external_userid,
      question: '积存金能转给家人吗？',
      topic: 'gold',
    })
    const author = await b.as(b.author)
    await author.request('POST', `/api/console/escalations/${asked.json.id}/answer`, {
      answer: '不能直接转让，可以卖出后转账。',
      disclaimer: '贵金属价格波动较大。',
    })
    const res = await (
      await b.as(b.manager)
    ).request('POST', '/api/replies/uses', {
      escalationId: asked.json.id,
      externalUserId: b.contact.external_userid,
      text: '不能直接转让，可以卖出后转账。',
    })
    expect(res.status).toBe(404)
    const mine = await (await b.as(b.manager)).request('GET', '/api/replies/escalations')
    expect(mine.body(MyEscalationsBody).escalations.map((e) => e.id)).not.toContain(asked.json.id)
  })
})
