import { sql } from 'kysely'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

describe('content results page (内容效果), in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function signedIn(userid: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    const login = await context.request.post(`${server.baseUrl}/api/demo/login`, {
      headers: { 'x-advisor-request': '1' },
      data: { userid },
    })
    expect(login.ok()).toBe(true)
    return context
  }

  /** The supervisor of a branch whose sub-branches sent the most content in the last 30 days. */
  async function busiestBranchSupervisor() {
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString()
    return server.db.kysely
      .selectFrom('content_sends as cs')
      .innerJoin('staff as s', 's.wecom_userid', 'cs.staff_userid')
      .innerJoin('branches as sub', 'sub.id', 's.branch_id')
      .innerJoin('staff as boss', (j) =>
        j.onRef('boss.branch_id', '=', 'sub.parent_id').on('boss.role', '=', 'supervisor'),
      )
      .select(['boss.wecom_userid as boss', sql<number>`count(*)`.as('n')])
      .where('cs.sent_at', '>=', since)
      .groupBy('boss.wecom_userid')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
  }

  it('when a branch supervisor opens 内容效果, then their subtree’s items show, sort by a column, and 按机构 drills into a sub-branch', async () => {
    const { boss } = await busiestBranchSupervisor()
    const context = await signedIn(boss!)
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/dashboard`)
    await page.locator('.console__link', { hasText: '内容效果' }).click()
    await page.locator('[data-test="results-row"]').first().waitFor()
    await expect.poll(() => page.locator('.console__top h1').textContent()).toBe('内容效果')
    expect(await page.locator('[data-test="results-scope"]').textContent()).toContain('本机构及下级机构')

    await page.locator('[data-sort="sends"]').click()
    const sends = (await page.locator('[data-test="results-row"] td:nth-child(2)').allTextContents()).map(Number)
    expect(sends.length).toBeGreaterThan(1)
    expect(sends).toEqual([...sends].sort((a, b) => b - a))
    await screenshot(page, 'content-results-supervisor-1280x800')

    await page.locator('.van-tab', { hasText: '按机构' }).click()
    const child = page.locator('[data-test="results-row"] td:first-child a').first()
    const childName = (await child.textContent())!.trim()
    await child.click()
    await expect.poll(() => new URL(page.url()).searchParams.get('branch')).toBeTruthy()
    await expect.poll(() => page.locator('[data-test="results-scope"] b').textContent()).toBe(childName)
    await page.locator('[data-test="results-row"]').first().waitFor()
    await screenshot(page, 'content-results-drill-1280x800')
    expect(errors).toEqual([])
    await context.close()
  })

  it('when the middle office picks a period with no sends, then the whole bank is the scope and the page says nothing was sent', async () => {
    const middle = await server.db.kysely
      .selectFrom('staff')
      .select('wecom_userid')
      .where('role', '=', 'middle')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const context = await signedIn(middle.wecom_userid!)
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/content-results?from=2024-01-01&to=2024-01-31`)
    await page.locator('[data-test="results-empty"]').waitFor()
    expect(await page.locator('[data-test="results-scope"]').textContent()).toContain('全行')
    expect(await page.locator('[data-test="results-period"]').textContent()).toContain('2024-01-01 至 2024-01-31')
    await screenshot(page, 'content-results-empty-1280x800')

    await page.locator('.cr__presets button', { hasText: '近 90 天' }).click()
    await page.locator('[data-test="results-row"]').first().waitFor()
    // The range fields follow the preset's period, so what they show is what the numbers cover.
    const shown = (await page.locator('[data-test="results-period"]').textContent())!.match(/\d{4}-\d{2}-\d{2}/g)!
    expect(await page.locator('.cr__range input[name=from]').inputValue()).toBe(shown[0])
    expect(await page.locator('.cr__range input[name=to]').inputValue()).toBe(shown[1])
    await page.locator('.van-tab', { hasText: '按机构' }).click()
    await page.locator('[data-test="results-row"]').first().waitFor()
    await screenshot(page, 'content-results-middle-branches-1280x800')
    expect(errors).toEqual([])
    await context.close()
  })
})
