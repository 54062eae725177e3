import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUBLIC_DIR } from '../../../server/features/simulator/bridge.routes.js'
import { jsapiSignature } from '../../../server/features/wecom/js-signature.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { qyapi } from './factories.js'

const BRIDGE = fs.readFileSync(path.join(PUBLIC_DIR, 'bridge.js'), 'utf8')
const T0 = new Date('2026-03-02T02:00:00Z')
const MINUTE = 60_000

type Reply = { err_msg: string; err_code?: number } & Record<string, unknown>
type Bridge = { invoke(name: string, params: Record<string, unknown>, cb: (r: Reply) => void): void }

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => {
  await t.close()
})

/** bridge.js as the sidebar page runs it, in a sandbox whose fetch reaches the test app. */
function loadBridge(pageUrl: string) {
  const url = new URL(pageUrl)
  const Navigator = function Navigator() {}
  Object.defineProperty(Navigator.prototype, 'userAgent', { configurable: true, get: () => 'Mozilla/5.0 Chrome/130' })
  const storage = new Map<string, string>()
  const window: Record<string, unknown> = {
    Navigator,
    navigator: Object.create(Navigator.prototype),
    location: { href: url.href, search: url.search, origin: url.origin },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
    },
    URLSearchParams,
    Event: class {},
    document: { dispatchEvent: () => true },
    fetch: (p: string, init?: RequestInit) => fetch(new URL(p, t.baseUrl), init),
  }
  window.window = window
  window.parent = window
  vm.runInNewContext(BRIDGE, window)
  const bridge = window.WeixinJSBridge as Bridge
  return (name: string, params: Record<string, unknown> = {}) =>
    new Promise<Reply>((resolve) => bridge.invoke(name, params, resolve))
}

/** agentConfig's parameters as @wecom/jssdk sends them, signed with the app ticket at `signedAt`. */
async function agentConfig(pageUrl: string, signedAt: Date, jsApiList: string[]) {
  const { corpId, agentId, secret } = t.ctx.config.wecom
  const { ticket } = await qyapi(t.baseUrl, corpId, secret).get('/ticket/get', { type: 'agent_config' })
  const timestamp = String(Math.floor(signedAt.getTime() / 1000))
  const nonceStr = 'nonceBridge01'
  const signature = jsapiSignature({ ticket, nonceStr, timestamp, url: pageUrl })
  return { corpid: corpId, agentid: agentId, timestamp, nonceStr, signature, jsApiList }
}

describe('the simulator bridge, as strict as the WeCom client', () => {
  const pageUrl = () => `${t.ctx.config.publicBaseUrl}/sidebar?sim_user=u1&sim_contact=wmBridge01`

  it('when a JS-API is not in the signed jsApiList, then it answers no permission while the listed ones work', async () => {
    t.setNow(T0)
    const invoke = loadBridge(pageUrl())
    const config = await agentConfig(pageUrl(), T0, ['getContext', 'getCurExternalContact'])
    expect(await invoke('agentConfig', config)).toEqual({ err_msg: 'agentConfig:ok' })
    const signed = { verifySignature: config.signature }
    expect(await invoke('getCurExternalContact', signed)).toEqual({
      err_msg: 'getCurExternalContact:ok',
      userId: 'wmBridge01',
    })
    const card = { msgtype: 'text', text: { content: '您好' } }
    expect(await invoke('sendChatMessage', { ...signed, ...card })).toEqual({
      err_msg: 'sendChatMessage:fail_no permission',
    })
    expect(await invoke('shareToExternalMoments', { ...signed, text: { content: '早盘' } })).toEqual({
      err_msg: 'shareToExternalMoments:fail_no permission',
    })
  })

  it('when the signature timestamp is more than 30 minutes from the client clock, then agentConfig fails with 40093 and no API is allowed', async () => {
    const pageSignedAt = T0
    t.setNow(new Date(T0.getTime() + 29 * MINUTE))
    const fresh = loadBridge(pageUrl())
    const within = await agentConfig(pageUrl(), pageSignedAt, ['getCurExternalContact'])
    expect(await fresh('agentConfig', within)).toEqual({ err_msg: 'agentConfig:ok' })

    t.setNow(new Date(T0.getTime() + 31 * MINUTE))
    const stale = loadBridge(pageUrl())
    const expired = await agentConfig(pageUrl(), pageSignedAt, ['getCurExternalContact'])
    expect(await stale('agentConfig', expired)).toEqual({
      err_msg: 'agentConfig:fail_invalid signature',
      err_code: 40093,
    })
    expect(await stale('getCurExternalContact', { verifySignature: expired.signature })).toEqual({
      err_msg: 'getCurExternalContact:fail_no permission',
    })
  })
})
