import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsapiSignature } from '../../../server/features/wecom/js-signature.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { qyapi, staffWithCustomer } from './factories.js'

let app: TestApp
let distDir: string
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-dist-'))
  fs.writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  )
  app = await startTestApp({}, { distDir })
})
afterAll(async () => {
  await app.close()
  fs.rmSync(distDir, { recursive: true, force: true })
})

describe('agentConfig verification', () => {
  const pageUrl = () => `${app.ctx.config.publicBaseUrl}/sidebar?sim_user=u1`

  async function signed(overrides: Record<string, string> = {}) {
    const api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
    const { ticket } = await api.get('/ticket/get', { type: 'agent_config' })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonceStr = 'Wm3WZYTPz0wzccnW'
    const url = pageUrl()
    const body = {
      corpid: app.ctx.config.wecom.corpId,
      agentid: app.ctx.config.wecom.agentId,
      timestamp,
      nonceStr,
      signature: jsapiSignature({ ticket, nonceStr, timestamp, url }),
      url,
      ...overrides,
    }
    return client(app.baseUrl).request('POST', '/simulator/api/js/agent-config', body)
  }

  it('when the page signed with the current agent ticket, then agentConfig:ok', async () => {
    const res = await signed()
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ err_msg: 'agentConfig:ok' })
  })

  it('when the signature is wrong (e.g. corp ticket or URL with #), then fail with 40093', async () => {
    const api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
    const { ticket: corpTicket } = await api.get('/get_jsapi_ticket')
    const ts = String(Math.floor(Date.now() / 1000))
    const withCorpTicket = jsapiSignature({ ticket: corpTicket, nonceStr: 'n', timestamp: ts, url: pageUrl() })
    const res = await signed({ signature: withCorpTicket, nonceStr: 'n', timestamp: ts })
    expect(res.json).toEqual({ err_msg: 'agentConfig:fail_invalid signature', err_code: 40093 })
    expect((await signed({ signature: 'f4d90daf4b3bca3078ab155816175ba34c443a7b' })).json.err_code).toBe(40093)
  })

  it('when corpid, agentid or domain are wrong, then 40013 / 40056 / 80001', async () => {
    expect((await signed({ corpid: 'wwother' })).json).toMatchObject({ err_code: 40013 })
    expect((await signed({ agentid: '999' })).json).toMatchObject({ err_code: 40056 })
    expect((await signed({ url: 'https://evil.example.com/sidebar' })).json).toMatchObject({ err_code: 80001 })
  })
})

describe('bridge script and html transform', () => {
  it('when bridge.js is requested, then it is served as JavaScript without caching', async () => {
    const res = await fetch(`${app.baseUrl}/simulator/bridge.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('window.WeixinJSBridge')
  })

  it('when /sidebar is opened in a browser, then the bridge is the first element in <head>', async () => {
    const html = await (
      await fetch(`${app.baseUrl}/sidebar?sim_user=u1`, { headers: { 'user-agent': CHROME_UA } })
    ).text()
    expect(html).toMatch(/<head><script src="\/simulator\/bridge\.js"><\/script><meta charset/)
  })

  it('when /sidebar is opened in real WeCom or another page is served, then nothing is injected', async () => {
    const wecomUa = `${CHROME_UA} wxwork/4.1.22 MicroMessenger/7.0.1`
    const inWecom = await (await fetch(`${app.baseUrl}/sidebar`, { headers: { 'user-agent': wecomUa } })).text()
    const consolePage = await (await fetch(`${app.baseUrl}/console`, { headers: { 'user-agent': CHROME_UA } })).text()
    expect(inWecom).not.toContain('bridge.js')
    expect(consolePage).not.toContain('bridge.js')
  })
})

describe('simulated chats', () => {
  it('when the sidebar sends a news card, then it is stored in that chat; misspelt keys are refused', async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const http = client(app.baseUrl)
    const news = {
      msgtype: 'news',
      news: {
        link: 'http://localhost/v/abc',
        title: '实名认证',
        desc: '请完成认证',
        imgUrl: 'https://example.com/i.png',
      },
    }
    expect(
      (await http.request('POST', `/simulator/api/chats/${userid}/${externalUserid}`, { message: news })).status,
    ).toBe(201)
    const bad = await http.request('POST', `/simulator/api/chats/${userid}/${externalUserid}`, {
      message: { msgtype: 'image', image: { mediaId: 'x' } },
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('VALIDATION_FAILED')
    const missingMedia = await http.request('POST', `/simulator/api/chats/${userid}/${externalUserid}`, {
      message: { msgtype: 'image', image: { mediaid: 'nope' } },
    })
    expect(missingMedia.json.error.code).toBe('INVALID_MEDIA')
    const chat = await http.request('GET', `/simulator/api/chats/${userid}/${externalUserid}`)
    expect(chat.json.messages).toEqual([
      { id: expect.any(Number), sender: 'staff', msgtype: 'news', message: news, sentAt: expect.any(String) },
    ])
  })

  it('when the desktop page is opened, then it has no inline script and links its own files', async () => {
    const res = await fetch(`${app.baseUrl}/simulator`)
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('模拟新客户添加')
    expect(html).toContain('/simulator/static/desktop.js')
    expect(html).not.toMatch(/<script>(?!<)/)
    expect((await fetch(`${app.baseUrl}/simulator/static/desktop.js`)).status).toBe(200)
  })
})
