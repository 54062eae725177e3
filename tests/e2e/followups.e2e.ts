import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot, SIDEBAR_VIEWPORT, watchPageErrors, sidebarFrame } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'
import { findVerificationSubject, type VerificationSubject } from './support/subjects.js'

describe('跟进记录 and marketing consent in the sidebar, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  let subject: VerificationSubject
  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchBrowser()
    subject = await findVerificationSubject(server.db, server.pii)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when a manager writes a note with a phone number at 360 px, then it shows masked and the opt-out switch records the answer', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    // Signed in through the frame first (OAuth in the simulator), then the sidebar at phone size on its own page.
    const frame = await sidebarFrame(desk)
    await frame.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(frame.url())
    await page.locator('.followups').scrollIntoViewIfNeeded({ timeout: 30_000 })
    await page.getByText('添加跟进记录').click()
    await page.locator('.followup-form textarea').fill('客户手机13812345678，关注养老规划，约下周三面谈')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('.followups__item').first().waitFor()
    expect(await page.locator('.followups__item').first().textContent()).toContain('138****5678')
    await page.getByRole('switch', { name: '接收营销推送' }).click()
    await page.getByText('客户已拒收').waitFor()
    await page.locator('.followups').scrollIntoViewIfNeeded()
    await screenshot(page, 'sidebar-followups-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(errors).toEqual([])
    await context.close()
  })
})
