import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'
import { browser } from './http.js'

const USERINFO: Record<string, unknown> = {
  CODE_ZHANG: { errcode: 0, userid: 'zhangsan' },
  CODE_INACTIVE: { errcode: 0, userid: 'lisi' },
  CODE_UNKNOWN: { errcode: 0, userid: 'nobody' },
  CODE_EXTERNAL: { errcode: 0, openid: 'oAAAAAxyz', external_userid: 'wmEXT1' },
  CODE_USED: { errcode: 40029, errmsg: 'invalid code' },
  CODE_BROKEN: { errcode: 60020, errmsg: 'not allow to access from your ip' },
}

async function seedStaff(t: TestApp) {
  const db = t.ctx.db.kysely
  await db
    .insertInto('branches')
    .values({ id: 'B1', name: '测试支行', parent_id: null, level: 'head', province: '上海' })
    .execute()
  await db
    .insertInto('staff')
    .values([
      {
        id: 'E001',
        wecom_userid: 'zhangsan',
        name: '张三',
        title: '客户经理',
        role: 'front',
        branch_id: 'B1',
        active: 1,
      },
      { id: 'E002', wecom_userid: 'lisi', name: '李四', title: '客户经理', role: 'front', branch_id: 'B1', active: 0 },
    ])
    .execute()
}

describe('WeCom OAuth (snsapi_base)', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    fake.on('/auth/getuserinfo', (c) => USERINFO[c.query.code ?? ''] ?? { errcode: 40029, errmsg: 'invalid code' })
    t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: 'http://advisor.test' })
    await seedStaff(t)
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })

  /** Starts a login and returns the browser and the state WeCom would echo back. */
  async function start(redirect?: string) {
    const b = browser(t.baseUrl)
    const res = await b.request(
      'GET',
      `/auth/wecom${redirect === undefined ? '' : `?redirect=${encodeURIComponent(redirect)}`}`,
    )
    expect(res.status).toBe(302)
    const location = res.headers.get('location')!
    return { b, location, state: new URL(location).searchParams.get('state')! }
  }

  it('when a login starts, then it redirects to the WeCom authorize URL with a state bound to an HttpOnly cookie', async () => {
    const { b, location, state } = await start('/sidebar')
    expect(location.startsWith('https://open.weixin.qq.com/connect/oauth2/authorize?')).toBe(true)
    expect(location.endsWith('#wechat_redirect')).toBe(true)
    const q = new URL(location).searchParams
    expect(Object.fromEntries(q)).toEqual({
      appid: t.ctx.config.wecom.corpId,
      redirect_uri: 'http://advisor.test/auth/wecom/callback',
      response_type: 'code',
      scope: 'snsapi_base',
      state,
      agentid: t.ctx.config.wecom.agentId,
    })
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(b.jar.get('ad_oauth_state')).toContain(state)
    const raw = await fetch(`${t.baseUrl}/auth/wecom`, { redirect: 'manual' })
    expect(raw.headers.getSetCookie()[0]).toMatch(/^ad_oauth_state=.*; Max-Age=600; Path=\/auth\/wecom; .*HttpOnly/)
  })

  it('when WeCom returns a member code, then a session is issued and the browser lands on the redirect', async () => {
    const { b, state } = await start('/sidebar?tab=profile')
    const res = await b.request('GET', `/auth/wecom/callback?code=CODE_ZHANG&state=${state}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/sidebar?tab=profile')
    expect(b.jar.has('ad_session')).toBe(true)
    expect(b.jar.has('ad_oauth_state')).toBe(false)
    const me = await b.request('GET', '/api/session/me')
    expect(me.status).toBe(200)
    expect(me.json).toMatchObject({ id: 'E001', userid: 'zhangsan', branchName: '测试支行' })
    expect(fake.calls.find((c) => c.path === '/auth/getuserinfo')?.query).toMatchObject({
      code: 'CODE_ZHANG',
      access_token: expect.any(String),
    })
    expect(t.logs.join('\n')).not.toContain('CODE_ZHANG')
  })

  it('when no redirect is given, then /sidebar is the default', async () => {
    const { b, state } = await start()
    const res = await b.request('GET', `/auth/wecom/callback?code=CODE_ZHANG&state=${state}`)
    expect(res.headers.get('location')).toBe('/sidebar')
  })

  it('when the redirect points off-site, then it falls back to /sidebar', async () => {
    for (const evil of [
      '//evil.com',
      'https://evil.com',
      '/\\evil.com',
      'javascript:alert(1)',
      '/ok\r\nSet-Cookie: x=1',
    ]) {
      const { b, state } = await start(evil)
      const res = await b.request('GET', `/auth/wecom/callback?code=CODE_ZHANG&state=${state}`)
      expect(res.status, evil).toBe(302)
      expect(res.headers.get('location'), evil).toBe('/sidebar')
    }
  })

  it('when the state does not match the cookie, then 400 and no session', async () => {
    const { b } = await start('/sidebar')
    const res = await b.request('GET', '/auth/wecom/callback?code=CODE_ZHANG&state=SomethingElse123')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.text).toContain('登录请求无效')
    expect(res.text).toContain('重新登录')
    expect(b.jar.has('ad_session')).toBe(false)
  })

  it('when the state cookie is missing or the query incomplete, then 400', async () => {
    const fresh = browser(t.baseUrl)
    expect((await fresh.request('GET', '/auth/wecom/callback?code=CODE_ZHANG&state=abc')).status).toBe(400)
    const { b, state } = await start()
    expect((await b.request('GET', `/auth/wecom/callback?state=${state}`)).status).toBe(400)
    expect(fresh.jar.has('ad_session')).toBe(false)
  })

  for (const [code, why] of [
    ['CODE_UNKNOWN', 'unknown staff'],
    ['CODE_INACTIVE', 'inactive staff'],
    ['CODE_EXTERNAL', 'an external user (openid)'],
  ]) {
    it(`when the code belongs to ${why}, then a 403 Chinese page and no session`, async () => {
      const { b, state } = await start()
      const res = await b.request('GET', `/auth/wecom/callback?code=${code}&state=${state}`)
      expect(res.status).toBe(403)
      expect(res.text).toContain('未开通企微顾问台')
      expect(b.jar.has('ad_session')).toBe(false)
    })
  }

  it('when the code is used or expired (40029), then a page with a 重新登录 link back to the same target', async () => {
    const { b, state } = await start('/console/dashboard')
    const res = await b.request('GET', `/auth/wecom/callback?code=CODE_USED&state=${state}`)
    expect(res.status).toBe(400)
    expect(res.text).toContain('登录已过期')
    expect(res.text).toContain('href="/auth/wecom?redirect=%2Fconsole%2Fdashboard"')
  })

  it('when WeCom fails otherwise, then a 502 page, never a 500', async () => {
    const { b, state } = await start()
    const res = await b.request('GET', `/auth/wecom/callback?code=CODE_BROKEN&state=${state}`)
    expect(res.status).toBe(502)
    expect(res.text).toContain('重新登录')
  })
})

describe('WeCom OAuth against the bundled simulator (DEMO)', () => {
  it('when apiBase is the local simulator, then the authorize page is the simulator page', async () => {
    const fake = await startFakeQyapi('/simulator/cgi-bin')
    const t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: 'http://localhost:3000' })
    try {
      const res = await browser(t.baseUrl).request('GET', '/auth/wecom')
      expect(res.headers.get('location')).toMatch(
        /^http:\/\/localhost:3000\/simulator\/oauth\/authorize\?appid=.*#wechat_redirect$/,
      )
    } finally {
      await t.close()
      await fake.close()
    }
  })
})

describe('WeCom OAuth limits on a shared egress IP', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    fake.on('/auth/getuserinfo', (c) =>
      c.query.code === 'CODE_USED' ? { errcode: 40029, errmsg: 'invalid code' } : { errcode: 0, userid: 'zhangsan' },
    )
    t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: 'http://advisor.test' })
    await seedStaff(t)
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })

  const signIn = async (code: string) => {
    const b = browser(t.baseUrl)
    const headers = { 'x-forwarded-for': '10.1.1.1' }
    const state = new URL(
      (await b.request('GET', '/auth/wecom', { headers })).headers.get('location')!,
    ).searchParams.get('state')
    return b.request('GET', `/auth/wecom/callback?code=${code}&state=${state}`, { headers })
  }

  it('when 200 staff sign in from one IP within a minute, then every sign-in succeeds', async () => {
    // The clock stands still, so all 200 fall in one minute whatever the machine's speed.
    t.setNow(new Date('2026-12-05T02:00:10Z'))
    try {
      for (let i = 0; i < 200; i++) expect((await signIn(`CODE_${i}`)).status).toBe(302)
    } finally {
      t.setNow(undefined)
    }
  })

  it('when one code is replayed, then it is refused after a few tries while others go on', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn('CODE_USED')).status).toBe(400)
    expect((await signIn('CODE_USED')).status).toBe(429)
    expect((await signIn('CODE_FRESH')).status).toBe(302)
  })
})
