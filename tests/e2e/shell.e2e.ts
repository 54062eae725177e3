import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, SIDEBAR_VIEWPORT, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

describe('app shell in Chromium', () => {
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

  it('when a middle-office member signs in on the demo page, then the console shell shows them', async () => {
    const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/demo/login`)
    await page.getByRole('tab', { name: '中台' }).click()
    const first = page.locator('.van-cell').first()
    const name = (await first.locator('.van-cell__title > span').first().textContent())!.trim()
    await screenshot(page, 'demo-login-1280')
    await first.click()
    await page.waitForURL('**/console/dashboard')
    await expect.poll(() => page.locator('.console__me').textContent()).toContain(name)
    await screenshot(page, 'console-shell-1280x800')
    expect(errors).toEqual([])
    await page.close()
  })

  it('when a customer manager opens the sidebar, then the shell renders at 360 px with their name', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const login = await context.request.get(`${server.baseUrl}/api/demo/staff`)
    const front = (await login.json()).staff.find((s: { role: string }) => s.role === 'front')
    expect(
      (
        await context.request.post(`${server.baseUrl}/api/demo/login`, {
          data: { userid: front.userid },
          headers: { 'x-advisor-request': '1' },
        })
      ).ok(),
    ).toBe(true)
    const page = await context.newPage()
    await page.goto(`${server.baseUrl}/sidebar`)
    await expect.poll(() => page.locator('.sidebar__me').textContent()).toContain(front.name)
    await screenshot(page, 'sidebar-shell-360x720')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(360)
    await context.close()
  })

  it('when nobody is signed in, then the console sends the browser to the demo sign-in page', async () => {
    const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    await page.goto(`${server.baseUrl}/console/content`)
    await page.waitForURL('**/demo/login?redirect=*')
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/console/content')
    await page.close()
  })
})
