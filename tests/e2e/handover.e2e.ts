import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

const CSRF = { 'x-advisor-request': '1' }

describe('客户继承 page, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 600 })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when a supervisor picks a manager, three customers and the suggested successor, then WeCom accepts them and they wait 24 h; a CRM owner change shows as a proposal', async () => {
    const db = server.db.kysely
    // The manager with the most verified customers, a peer in the same branch and their supervisor.
    const [busiest] = await db
      .selectFrom('wecom_contacts as wc')
      .innerJoin('bindings as b', 'b.external_userid', 'wc.external_userid')
      .innerJoin('staff as s', 's.wecom_userid', 'wc.staff_userid')
      .select(['s.wecom_userid', (eb) => eb.fn.countAll<number>().as('n')])
      .where('wc.deleted_by', 'is', null)
      .where('s.role', '=', 'front')
      .where('s.active', '=', 1)
      .groupBy('s.wecom_userid')
      .orderBy('n', 'desc')
      .limit(1)
      .execute()
    const pair = await db
      .selectFrom('staff as s')
      .innerJoin('staff as boss', (j) =>
        j.onRef('boss.branch_id', '=', 's.branch_id').on('boss.role', '=', 'supervisor'),
      )
      .innerJoin('staff as peer', (j) =>
        j.onRef('peer.branch_id', '=', 's.branch_id').on('peer.role', '=', 'front').onRef('peer.id', '!=', 's.id'),
      )
      .select(['s.wecom_userid as from', 'peer.id as peerId', 'boss.wecom_userid as boss'])
      .where('s.wecom_userid', '=', busiest!.wecom_userid!)
      .where('peer.active', '=', 1)
      .executeTakeFirstOrThrow()
    const rows = await db
      .selectFrom('wecom_contacts as wc')
      .innerJoin('bindings as b', 'b.external_userid', 'wc.external_userid')
      .select(['b.cif_no', 'wc.name', 'wc.external_userid'])
      .where('wc.staff_userid', '=', pair.from!)
      .where('wc.deleted_by', 'is', null)
      .orderBy('wc.id')
      .limit(20)
      .execute()
    // A re-verified contact has two bindings: one row per contact.
    const bound = rows
      .filter((r, k) => rows.findIndex((x) => x.external_userid === r.external_userid) === k)
      .slice(0, 4)
    expect(bound.length).toBeGreaterThanOrEqual(4)
    // The CRM moved these customers to the peer: three to hand over now, one left as a proposal.
    await db
      .updateTable('customers')
      .set({ owner_staff_id: pair.peerId })
      .where(
        'cif_no',
        'in',
        bound.map((b) => b.cif_no),
      )
      .execute()

    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    expect(
      (
        await context.request.post(`${server.baseUrl}/api/demo/login`, { headers: CSRF, data: { userid: pair.boss } })
      ).ok(),
    ).toBe(true)
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/handover`)
    await expect.poll(() => page.locator('.console__top h1').textContent()).toBe('客户继承')
    await page.locator('.proposals li').first().waitFor()
    // The seed's own CRM changes may add proposals of their own: ours are four more.
    await expect.poll(() => page.locator('.proposals li').count()).toBeGreaterThanOrEqual(4)
    const proposed = await page.locator('.proposals li').count()

    await page.locator('select[name=handover]').selectOption(pair.from!)
    for (const b of bound.slice(0, 3)) await page.locator(`input[value="${b.external_userid}"]`).check()
    await expect.poll(() => page.locator('select[name=takeover]').inputValue()).not.toBe('')
    expect(await page.locator('select[name=takeover] option:checked').textContent()).toContain('CRM 管户建议')
    await page.locator('input[name=message]').fill('您好，后续由我的同事为您服务')
    await page.locator('.van-button--primary', { hasText: '转接 3 位客户' }).click()
    await expect.poll(() => page.locator('.transfers tbody tr').count()).toBe(3)
    expect(await page.locator('.transfers tbody').textContent()).toContain('等待接替（24 小时）')
    await expect.poll(() => page.locator('.proposals li').count()).toBe(proposed - 3)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await page.evaluate(() => document.querySelectorAll('*').forEach((el) => (el.scrollTop = 0)))
    await screenshot(page, 'handover-1280x800')

    // 客户群转让 for the same member: the card lists the groups they own (groupchat/list).
    await page.locator('.groups li, .card .van-empty').first().waitFor()
    await page.getByText('客户群转让').scrollIntoViewIfNeeded()
    await screenshot(page, 'handover-groups-1280x800')
    expect(errors).toEqual([])

    // The simulator's desktop lists what waits for the customer; 客户拒绝 plays the customer refusing.
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${pair.from}`)
    await desk.locator('#transfer-list li[data-transfer]').first().waitFor({ timeout: 20_000 })
    expect(await desk.locator('#transfer-list li[data-transfer]').count()).toBe(3)
    await desk.locator('section[aria-label=客户继承]').evaluate((el) => el.scrollIntoView())
    await screenshot(desk, 'simulator-transfers-1280x800')
    await desk.locator('#transfer-list li[data-transfer]').first().getByText('客户拒绝').click()
    await expect.poll(() => desk.locator('#transfer-list li[data-transfer]').count()).toBe(2)
    await context.close()
  }, 120_000)
})
