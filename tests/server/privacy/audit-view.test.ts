import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { privacyWorld, signIn, viewAt, type PrivacyWorld } from './privacy-world.js'

describe('privacy audit view', () => {
  let t: TestApp
  let w: PrivacyWorld
  beforeAll(async () => {
    t = await startTestApp()
    w = await privacyWorld(t)
    // A real view through the sidebar, then older ones written directly at known times.
    expect(
      (await (await signIn(t, w.alice.wecom_userid)).request('GET', `/api/contacts/${w.contact.external_userid}`))
        .status,
    ).toBe(200)
    await viewAt(t, w.alice.id, 'wmOld0001', '2026-03-01T02:00:00.000Z', 'C0000001')
    await viewAt(t, w.carol.id, 'wmOld0002', '2026-03-02T02:00:00.000Z')
    await viewAt(t, w.bob.id, 'wmOld0003', '2026-03-02T17:00:00.000Z')
    await viewAt(t, w.ningbo.id, 'wmNingbo01', '2026-03-02T02:00:00.000Z')
  })
  afterAll(async () => {
    await t.close()
  })

  it("when a supervisor opens the audit view, then they see every view by their subtree's staff, newest first, and nobody else's", async () => {
    const res = await (await signIn(t, w.boss.wecom_userid)).request('GET', '/api/privacy/audit')
    expect(res.status).toBe(200)
    expect(res.json.total).toBe(4)
    expect(res.json.entries.map((e: { staffName: string }) => e.staffName)).toEqual(['王丽', '赵强', '钱芳', '王丽'])
    expect(res.json.entries[0]).toMatchObject({
      staffId: w.alice.id,
      action: 'contact.view',
      target: `contact:${w.contact.external_userid}`,
      cifNo: w.customer.cif_no,
      outcome: 'allowed',
    })
    expect(res.json.staff.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['王丽', '赵强', '钱芳', '孙行长']),
    )
    expect(JSON.stringify(res.json)).not.toContain('wmNingbo01')
    const other = await (await signIn(t, w.outsider.wecom_userid)).request('GET', '/api/privacy/audit')
    expect(other.json.entries.map((e: { target: string }) => e.target)).toEqual(['contact:wmNingbo01'])
  })

  it('when filtered by staff, target and Beijing dates, then only matching entries come back, paginated', async () => {
    const boss = await signIn(t, w.boss.wecom_userid)
    const byStaff = await boss.request('GET', `/api/privacy/audit?staffId=${w.alice.id}`)
    expect(byStaff.json.entries.every((e: { staffId: string }) => e.staffId === w.alice.id)).toBe(true)
    expect(byStaff.json.total).toBe(2)
    expect(
      (await boss.request('GET', '/api/privacy/audit?target=wmOld0002')).json.entries.map(
        (e: { staffName: string }) => e.staffName,
      ),
    ).toEqual(['钱芳'])
    // 17:00 UTC on 2 March is 01:00 on 3 March in Beijing.
    const day = await boss.request('GET', '/api/privacy/audit?from=2026-03-02&to=2026-03-02')
    expect(day.json.entries.map((e: { target: string }) => e.target)).toEqual(['contact:wmOld0002'])
    const page2 = await boss.request('GET', '/api/privacy/audit?pageSize=3&page=2')
    expect([page2.json.total, page2.json.page, page2.json.entries.length]).toEqual([4, 2, 1])
    expect(page2.json.entries[0].target).toBe('contact:wmOld0001')
    expect((await boss.request('GET', '/api/privacy/audit?target=%25')).json.total).toBe(0)
  })

  it('when exported, then the CSV holds the filtered entries with Chinese headers', async () => {
    const res = await (
      await signIn(t, w.boss.wecom_userid)
    ).request('GET', `/api/privacy/audit.csv?staffId=${w.alice.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('时间,员工编号,员工,操作,对象,客户号,结果,IP,说明')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe(
      `2026-03-01T02:00:00.000Z,${w.alice.id},王丽,查看联系人,contact:wmOld0001,C0000001,允许,10.1.2.3,`,
    )
  })

  it('when a manager, the middle office or an admin asks, then 403 and bad filters are 400', async () => {
    for (const who of [w.alice, w.middle, w.admin]) {
      expect((await (await signIn(t, who.wecom_userid)).request('GET', '/api/privacy/audit')).status).toBe(403)
    }
    const bad = await (await signIn(t, w.boss.wecom_userid)).request('GET', '/api/privacy/audit?from=2026-3-1')
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
  })
})
