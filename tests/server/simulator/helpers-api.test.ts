import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { recordSimulatedSms } from '../../../server/features/simulator/sim-outbox.repository.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { insertBranch, insertStaff, staffWithCustomer } from './factories.js'

let app: TestApp
/** The simulator's SMS outbox as its helper API answers it (no contract: the simulator is a test fixture). */
const SmsOutbox = z.object({ messages: z.array(z.object({ text: z.string() })) })
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app.close())

describe('simulator helper API', () => {
  it('when staff and contacts are listed, then names, branches and live customers come back', async () => {
    const branchId = await insertBranch(app.ctx.db, { name: '天河支行' })
    const userid = await insertStaff(app.ctx.db, { name: '陈静', branchId })
    const { userid: other, externalUserid } = await staffWithCustomer(app.ctx.db, { deletedByCustomer: true })
    const http = client(app.baseUrl)
    const staff = await http.request('GET', '/simulator/api/staff')
    expect(staff.json.staff).toContainEqual(
      expect.objectContaining({ userid, name: '陈静', role: 'front', branch: '天河支行' }),
    )
    expect((await http.request('GET', `/simulator/api/staff/${userid}/contacts`)).json).toEqual({ contacts: [] })
    const contacts = (await http.request('GET', `/simulator/api/staff/${other}/contacts`)).json.contacts
    expect(contacts).toEqual([expect.objectContaining({ externalUserId: externalUserid, deletedByCustomer: true })])
    expect((await http.request('GET', '/simulator/api/staff/nobody/contacts')).json.error.code).toBe('NOT_FOUND')
    expect((await http.request('GET', '/simulator/api/nothing-here')).status).toBe(404)
  })

  it('when the demo SMS sender records messages, then the outbox lists them per phone, newest first', async () => {
    await recordSimulatedSms(app.ctx.db, '13800000001', '【演示银行】验证码 123456', new Date('2025-01-01T00:00:00Z'))
    await recordSimulatedSms(
      app.ctx.db.kysely,
      '13800000001',
      '【演示银行】验证码 654321',
      new Date('2025-01-01T00:01:00Z'),
    )
    await recordSimulatedSms(app.ctx.db, '13900000002', '其他', new Date('2025-01-01T00:02:00Z'))
    const res = await client(app.baseUrl).request('GET', '/simulator/api/sms-outbox?phone=13800000001')
    expect(SmsOutbox.parse(res.json).messages.map((m) => m.text)).toEqual([
      '【演示银行】验证码 654321',
      '【演示银行】验证码 123456',
    ])
    expect(res.json.messages[0]).toMatchObject({ phone: '13800000001', sentAt: '2025-01-01T00:01:00.000Z' })
  })
})
