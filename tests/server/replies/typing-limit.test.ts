import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { repliesBank } from './replies-bank.js'

describe("the 话术 tab's typing guard (in memory, per instance)", () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('allows 240 suggestions a minute per manager, answers the 241st with 429 and Retry-After, leaves colleagues alone and resets with the next minute', async () => {
    t.setNow(new Date('2026-11-23T09:30:10Z'))
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const colleague = await b.as(b.colleague)
    const suggest = (c: typeof manager, externalUserId: string) =>
      c.request('GET', `/api/replies/suggestions?q=${encodeURIComponent('基金赎回')}&externalUserId=${externalUserId}`)
    const statuses = []
    for (let i = 0; i < 240; i++) statuses.push((await suggest(manager, b.contact.external_userid)).status)
    expect(new Set(statuses)).toEqual(new Set([200]))
    const limited = await suggest(manager, b.contact.external_userid)
    expect(limited.status).toBe(429)
    expect(limited.json.error.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBe(50)
    expect((await suggest(colleague, b.colleagueContact.external_userid)).status).toBe(200)
    // Nothing is written per keystroke: the guard lives in memory.
    expect(
      await b.db.selectFrom('rate_limits').select('key').where('key', 'like', 'reply-suggestions%').execute(),
    ).toEqual([])
    t.setNow(new Date('2026-11-23T09:31:00Z'))
    expect((await suggest(manager, b.contact.external_userid)).status).toBe(200)
  })
})
