import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { stopCallbackProcessing } from '../../../server/features/wecom/index.js'
import { createWecomClient } from '../../../server/features/wecom/wecom-client.js'
import type { AppContext } from '../../../server/lib/context.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'
import { qyapi } from './factories.js'

/** One app wired to the strict simulator per test file (ES live bindings: read after `useStrictSimulator` ran). */
export const T0 = new Date('2025-05-06T02:00:00Z')
export let t: TestApp
let proxy: SimulatorProxy
export let api: ReturnType<typeof qyapi>
export let sim: ReturnType<typeof client>
/** The app's context with its client pointed straight at the simulator (no proxy) and no waits. */
export let direct: AppContext
export const noWait = () => createWecomClient(direct, fetch, { sleep: async () => {}, timeoutMs: 500 })

export function useStrictSimulator(): void {
  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
    t.setNow(T0)
    api = qyapi(t.baseUrl, t.ctx.config.wecom.corpId, t.ctx.config.wecom.secret)
    sim = client(t.baseUrl)
    const wecom = { ...t.ctx.config.wecom, apiBase: `${t.baseUrl}/simulator/cgi-bin` }
    direct = { ...t.ctx, config: { ...t.ctx.config, wecom } }
    // As an admin saving the URL in WeCom's console: it passes the verification GET first.
    const saved = await sim.request('PUT', '/simulator/api/callback-url', { url: `${t.baseUrl}/api/wecom/callback` })
    expect(saved.json.verified).toBe(true)
  })
  // A case ends with the app's background callback pass done: one still in a WeCom call would meet the next
  // case's faults (on Node 22 it did, and took the fault a case was waiting for).
  afterEach(async () => {
    await sim.request('DELETE', '/simulator/api/faults')
    await stopCallbackProcessing(t.ctx)
    t.setNow(T0)
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })
}

export const setFault = async (body: Record<string, unknown>) => {
  const res = await sim.request('PUT', '/simulator/api/faults', body)
  expect(res.status).toBe(201)
}
