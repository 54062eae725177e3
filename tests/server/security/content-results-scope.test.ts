import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContentResultsSchema } from '../../../server/contracts/content.js'
import { beijingDate } from '../../../server/lib/time.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from '../wecom/fake-qyapi.js'
import { approvedItem, boundContact, contentBank, fundItem, signIn, type Bank } from '../content/content-fixtures.js'

const TITLE = '范围测试基金文章'

describe('content results follow the caller’s scope', () => {
  let t: TestApp
  let qyapi: FakeQyapi
  let bank: Bank
  let bankB: Bank
  let itemId: number
  beforeAll(async () => {
    qyapi = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: qyapi.base })
    bank = await contentBank(t)
    // 总行 → 西湖支行 (bank.sub: manager, supervisor) and 滨江支行 (its own manager and supervisor).
    await bank.db.updateTable('branches').set({ parent_id: bank.head.id }).where('id', '=', bank.sub.id).execute()
    const subB = await insertBranch(bank.db, { name: '滨江支行', parent_id: bank.head.id })
    bankB = {
      ...bank,
      sub: subB,
      manager: await insertStaff(bank.db, subB.id, 'front', { name: '钱芳' }),
      supervisor: await insertStaff(bank.db, subB.id, 'supervisor', { name: '周行长' }),
    }
    itemId = await approvedItem(t, bank, { ...fundItem, title: TITLE })
    // Each branch's manager sends the item to two customers; one of them opens it and asks.
    for (const b of [bank, bankB]) {
      const manager = await signIn(t, b.manager.wecom_userid)
      for (let n = 0; n < 2; n++) {
        const { contact } = await boundContact(t, b, { risk_level: 'R3' })
        const send = await manager.request('POST', '/api/content/sends', {
          itemId,
          externalUserId: contact.external_userid,
        })
        expect(send.status).toBe(201)
        expect((await manager.request('POST', `/api/content/sends/${send.json.sendId}/sent`)).status).toBe(204)
        if (n) continue
        const reader = client(t.baseUrl)
        await reader.request('GET', `/api/public/content/${send.json.sendId}`)
        expect((await reader.request('POST', `/api/public/content/${send.json.sendId}/open`)).status).toBe(204)
        expect((await reader.request('POST', `/api/public/content/${send.json.sendId}/inquiry`)).status).toBe(202)
      }
    }
  })
  afterAll(async () => {
    await t.close()
    await qyapi.close()
  })

  const resultsOf = async (userid: string) => {
    const res = await (await signIn(t, userid)).request('GET', '/api/content/results?days=30')
    expect(res.status).toBe(200)
    return {
      item: res.json.items.find((r: { key: string }) => r.key === String(itemId)),
      author: res.json.authors.find((r: { key: string }) => r.key === bank.author.id),
    }
  }

  it('when a branch supervisor asks, then only their subtree’s sends, opens and inquiries count, for the item and its author', async () => {
    const mine = { sends: 2, recipients: 2, opens: 1, openRate: 0.5, inquiries: 1, conversions: 0 }
    expect(await resultsOf(bank.supervisor.wecom_userid)).toEqual({
      item: { key: String(itemId), label: TITLE, ...mine },
      author: { key: bank.author.id, label: '内容专员', ...mine },
    })
    expect((await resultsOf(bankB.supervisor.wecom_userid)).item).toMatchObject(mine)
  })

  it('when the middle office asks, then the whole bank counts', async () => {
    expect((await resultsOf(bank.reviewer.wecom_userid)).item).toMatchObject({
      sends: 4,
      recipients: 4,
      opens: 2,
      openRate: 0.5,
      inquiries: 2,
    })
  })

  it('when a supervisor of a branch with no sends asks, then the item is not listed at all', async () => {
    const quiet = await insertBranch(bank.db, { name: '之江支行', parent_id: bank.head.id })
    const boss = await insertStaff(bank.db, quiet.id, 'supervisor', { name: '冯行长' })
    expect(await resultsOf(boss.wecom_userid)).toEqual({ item: undefined, author: undefined })
  })

  const ask = async (userid: string, query: string) =>
    (await signIn(t, userid)).request('GET', `/api/content/results?${query}`)

  it('when a supervisor asks, then the scope names their branch; the middle office sees the whole bank split by branch', async () => {
    const mine = ContentResultsSchema.parse((await ask(bank.supervisor.wecom_userid, 'days=30')).json)
    expect(mine.scope).toMatchObject({ branchId: bank.sub.id, wholeBank: false })
    expect(mine.branches.map((b) => [b.key, b.sends])).toEqual([[bank.sub.id, 2]])
    const bankWide = ContentResultsSchema.parse((await ask(bank.reviewer.wecom_userid, 'days=30')).json)
    expect(bankWide.scope).toMatchObject({ branchId: bank.head.id, wholeBank: true })
    const byBranch = Object.fromEntries(bankWide.branches.map((b) => [b.key, [b.label, b.sends, b.opens, b.inquiries]]))
    expect(byBranch).toMatchObject({
      [bank.sub.id]: [bank.sub.name, 2, 1, 1],
      [bankB.sub.id]: ['滨江支行', 2, 1, 1],
    })
  })

  it('when a caller narrows to a branch, then only its subtree counts; outside their own subtree, 403 OUT_OF_SCOPE', async () => {
    const narrowed = await ask(bank.reviewer.wecom_userid, `days=30&branchId=${bankB.sub.id}`)
    expect(narrowed.status).toBe(200)
    const body = ContentResultsSchema.parse(narrowed.json)
    expect(body.scope.breadcrumb.map((b) => b.id)).toEqual([bank.head.id, bankB.sub.id])
    expect(body.items.find((r) => r.key === String(itemId))).toMatchObject({ sends: 2, opens: 1 })
    const foreign = await ask(bank.supervisor.wecom_userid, `days=30&branchId=${bankB.sub.id}`)
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'OUT_OF_SCOPE'])
  })

  it('when a calendar period is asked, then only sends made on those Beijing days count; a bad period is 400, never 500', async () => {
    const today = beijingDate(new Date().toISOString())
    const todays = ContentResultsSchema.parse((await ask(bank.reviewer.wecom_userid, `from=${today}&to=${today}`)).json)
    expect(todays.period).toEqual({ from: today, to: today })
    expect(todays.items.find((r) => r.key === String(itemId))).toMatchObject({ sends: 4 })
    const before = ContentResultsSchema.parse(
      (await ask(bank.reviewer.wecom_userid, 'from=2024-01-01&to=2024-12-31')).json,
    )
    expect([before.items, before.authors, before.branches]).toEqual([[], [], []])
    for (const bad of [
      'from=2026-02-30',
      'from=2026-03-02&to=2026-03-01',
      'from=2024-01-01&to=2025-06-30',
      'to=2026-03-01',
      'days=30&from=2026-03-01',
      'days=0',
      'branchId=../x',
    ]) {
      const res = await ask(bank.reviewer.wecom_userid, bad)
      expect([bad, res.status, res.json?.error?.code]).toEqual([bad, 400, 'VALIDATION_FAILED'])
    }
  })
})
