import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { trustedDomain } from '../../../server/features/wecom/doctor/doctor.service.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import type { TestApp } from '../support/test-app.js'

describe('go-live self-check', () => {
  let t: TestApp
  let proxy: SimulatorProxy
  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })

  it('when WeCom answers, then the credentials pass; when 48002, then the scope check says where to fix it', async () => {
    const { c: admin } = await adminClient(t)
    const first = await admin.request('GET', '/api/wecom/doctor')
    expect(first.status).toBe(200)
    const byId = Object.fromEntries(first.json.checks.map((c: { id: string }) => [c.id, c]))
    expect(byId.token.status).toBe('ok')
    expect(byId['corp-ticket'].status).toBe('ok')
    expect(byId['agent-ticket'].status).toBe('ok')
    expect(byId.callback).toMatchObject({ status: 'warn' })
    expect(byId.callback.hint).toContain('接收事件服务器')

    proxy.state.override = (path) =>
      path === '/externalcontact/get_follow_user_list'
        ? { body: { errcode: 48002, errmsg: 'api forbidden' } }
        : undefined
    const second = await admin.request('GET', '/api/wecom/doctor')
    proxy.state.override = undefined
    const scope = second.json.checks.find((c: { id: string }) => c.id === 'contact-scope')
    expect(scope).toMatchObject({ status: 'fail' })
    expect(scope.hint).toContain('可调用接口的应用')
  })

  it('when the public URL has a port, an IP or plain http, then the trusted-domain check fails with the fix', () => {
    expect(trustedDomain('https://advisor.bank.example:8443').status).toBe('fail')
    expect(trustedDomain('https://10.1.2.3').status).toBe('fail')
    expect(trustedDomain('http://advisor.bank.example').hint).toContain('https')
    expect(trustedDomain('https://advisor.bank.example').status).toBe('ok')
  })
})
