import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { insertPerson, insertStaff, qyapi, staffWithCustomer } from './factories.js'

let app: TestApp
let wecom: TestApp['ctx']['config']['wecom']
const t0 = new Date('2025-03-03T02:00:00Z')

beforeAll(async () => {
  app = await startTestApp()
  app.setNow(t0)
  wecom = app.ctx.config.wecom
})
afterAll(() => app.close())

/** Any qyapi reply: errcode always, a token when gettoken succeeded. */
const QyapiReply = z.looseObject({ errcode: z.number(), errmsg: z.string(), access_token: z.string().optional() })
const getJson = async (url: string) => QyapiReply.parse(await (await fetch(url)).json())

describe('simulated qyapi: gettoken and access_token checks', () => {
  it('when the corp id or secret is wrong, then gettoken answers 40013 / 40001', async () => {
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    expect(await getJson(api.url('/gettoken', { corpid: 'wwnotours', corpsecret: wecom.secret }))).toMatchObject({
      errcode: 40013,
    })
    expect(await getJson(api.url('/gettoken', { corpid: wecom.corpId, corpsecret: 'wrong-secret' }))).toMatchObject({
      errcode: 40001,
    })
  })

  it('when credentials are right, then the same token comes back until it expires, then 42001', async () => {
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    const first = await getJson(api.url('/gettoken', { corpid: wecom.corpId, corpsecret: wecom.secret }))
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    expect(first.access_token).toMatch(/^\S{32,}$/)
    app.setNow(new Date(t0.getTime() + 3600_000))
    const again = await getJson(api.url('/gettoken', { corpid: wecom.corpId, corpsecret: wecom.secret }))
    expect(again).toMatchObject({ access_token: first.access_token, expires_in: 3600 })

    const ticketUrl = api.url('/get_jsapi_ticket', { access_token: first.access_token ?? '' })
    expect(await getJson(ticketUrl)).toMatchObject({ errcode: 0, expires_in: 7200 })
    app.setNow(new Date(t0.getTime() + 7200_000))
    expect(await getJson(ticketUrl)).toMatchObject({ errcode: 42001 })
    const fresh = await getJson(api.url('/gettoken', { corpid: wecom.corpId, corpsecret: wecom.secret }))
    expect(fresh.access_token).not.toBe(first.access_token)
    app.setNow(t0)
  })

  it('when the token is missing or unknown, then 41001 / 40014', async () => {
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    expect(await getJson(api.url('/externalcontact/get_follow_user_list'))).toMatchObject({ errcode: 41001 })
    expect(await getJson(api.url('/externalcontact/get_follow_user_list', { access_token: 'forged' }))).toMatchObject({
      errcode: 40014,
    })
  })

  it('when asking for the agent ticket, then type=agent_config is required and the two tickets differ', async () => {
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    const agent = await api.get('/ticket/get', { type: 'agent_config' })
    const corp = await api.get('/get_jsapi_ticket')
    expect(agent).toMatchObject({ errcode: 0, expires_in: expect.any(Number) })
    expect(agent.ticket).not.toBe(corp.ticket)
    expect((await api.get('/ticket/get', { type: 'other' })).errcode).toBe(40058)
  })
})

describe('simulated OAuth', () => {
  const authorize = (q: Record<string, string>) => `/simulator/oauth/authorize?${new URLSearchParams(q).toString()}`
  const validQuery = () => ({
    appid: wecom.corpId,
    redirect_uri: `${app.ctx.config.publicBaseUrl}/auth/wecom/callback`,
    response_type: 'code',
    scope: 'snsapi_base',
    state: 'abc123',
    agentid: wecom.agentId,
  })

  it('when a staff member is picked, then the redirect carries a code that works once (40029 after)', async () => {
    const userid = await insertStaff(app.ctx.db, { name: '周敏' })
    const http = client(app.baseUrl)
    const pageRes = await http.request('GET', authorize(validQuery()))
    expect(pageRes.status).toBe(200)
    expect(pageRes.text).toContain('周敏')
    expect(pageRes.text).not.toMatch(/<script>/)
    const link = new RegExp(`href="([^"]*userid=${userid}[^"]*)"`).exec(pageRes.text.replace(/&amp;/g, '&'))
    expect(link).not.toBeNull()
    const picked = await http.request('GET', link![1]!)
    expect(picked.status).toBe(302)
    const location = new URL(picked.headers.get('location')!)
    expect(location.pathname).toBe('/auth/wecom/callback')
    expect(location.searchParams.get('state')).toBe('abc123')
    const code = location.searchParams.get('code')!

    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    const first = await api.get('/auth/getuserinfo', { code })
    expect(first).toEqual({ errcode: 0, errmsg: 'ok', userid })
    expect(await api.get('/auth/getuserinfo', { code })).toMatchObject({ errcode: 40029 })
  })

  it('when a code is older than 5 minutes, then 40029', async () => {
    const userid = await insertStaff(app.ctx.db)
    const { json } = await client(app.baseUrl).request('POST', '/simulator/api/oauth/codes', { userid })
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    await api.ensureToken()
    app.setNow(new Date(t0.getTime() + 301_000))
    expect(await api.get('/auth/getuserinfo', { code: json.code })).toMatchObject({ errcode: 40029 })
    app.setNow(t0)
  })

  it('when a WeChat person signs in, then openid and (as a customer) external_userid come back', async () => {
    const { externalUserid } = await staffWithCustomer(app.ctx.db)
    const stranger = await insertPerson(app.ctx.db)
    const http = client(app.baseUrl)
    const api = qyapi(app.baseUrl, wecom.corpId, wecom.secret)
    const c1 = (await http.request('POST', '/simulator/api/oauth/codes', { externalUserId: externalUserid })).json.code
    const c2 = (await http.request('POST', '/simulator/api/oauth/codes', { externalUserId: stranger })).json.code
    const customer = await api.get('/auth/getuserinfo', { code: c1 })
    expect(customer).toMatchObject({
      errcode: 0,
      external_userid: externalUserid,
      openid: expect.stringMatching(/^o\S{27}$/),
    })
    expect(customer.userid).toBeUndefined()
    const other = await api.get('/auth/getuserinfo', { code: c2 })
    expect(other.openid).toBeTruthy()
    expect(other.external_userid).toBeUndefined()
  })

  it('when redirect_uri is off the trusted domain or appid is wrong, then an error page (50001 / 40013)', async () => {
    const http = client(app.baseUrl)
    const offsite = await http.request(
      'GET',
      authorize({ ...validQuery(), redirect_uri: 'https://evil.example.com/cb' }),
    )
    expect(offsite.status).toBe(400)
    expect(offsite.text).toContain('50001')
    const pick = await http.request(
      'GET',
      `/simulator/oauth/pick?${new URLSearchParams({ ...validQuery(), redirect_uri: 'https://evil.example.com/cb', userid: 'x' })}`,
    )
    expect(pick.status).toBe(400)
    const wrongApp = await http.request('GET', authorize({ ...validQuery(), appid: 'wwother' }))
    expect(wrongApp.text).toContain('40013')
  })
})
