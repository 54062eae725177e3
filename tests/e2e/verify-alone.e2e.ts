import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CONSOLE_VIEWPORT,
  launchBrowser,
  screenshot,
  SIDEBAR_VIEWPORT,
  watchPageErrors,
  sidebarFrame,
} from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'
import { guideShot } from './support/guide-shots.js'
import { findVerificationSubject, type VerificationSubject } from './support/subjects.js'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600 WeChat/arm64 NetType/WIFI Language/zh_CN'

// A newcomer's demo: everything the customer types comes from the simulator's 客户手机 panel, never the database.
describe('verification finished from the simulator alone, in Chromium', () => {
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

  it('when the customer reloads mid-verification, then name, phone, countdown and 提交认证 survive and the code from the 客户手机 panel verifies', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(desk)
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}`)
    await desk.locator('#contact-list li').first().waitFor()
    await desk.locator('#contact-search').fill(subject.contactName)
    await expect.poll(() => desk.locator('#contact-search-status').textContent()).toMatch(/找到 \d+ 位客户/)
    await desk.locator('#contact-list li:not([hidden])').filter({ hasText: subject.contactName }).first().click()
    const panel = desk.locator('#phone-panel')
    await panel.locator('.phone-number').waitFor()
    const phone = (await panel.locator('.phone-number').textContent())!.trim()
    expect(phone).toBe(subject.phone)
    expect(await panel.textContent()).toContain('模拟')
    const sidebar = await sidebarFrame(desk)
    await sidebar.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    await screenshot(desk, 'simulator-phone-panel-1280x800')
    await guideShot(desk, 'manager-simulator-sidebar')

    await sidebar.getByRole('button', { name: '发送实名认证' }).click()
    const card = desk.locator('.bubble.news a').last()
    await card.waitFor({ timeout: 15_000 })
    const link = (await card.getAttribute('href'))!

    const wechat = await browser.newContext({ userAgent: WECHAT_UA, viewport: SIDEBAR_VIEWPORT, isMobile: true })
    const customer = await wechat.newPage()
    const customerErrors = watchPageErrors(customer)
    await customer.goto(link)
    await customer.getByPlaceholder('请输入您的真实姓名').fill(subject.trueName)
    await customer.getByPlaceholder('在本行预留的手机号').fill(phone)
    const getCode = customer.getByRole('button', { name: '获取验证码' })
    expect(await getCode.isDisabled()).toBe(true)
    await customer.getByText('请先勾选下方的个人信息授权').waitFor()
    await screenshot(customer, 'verify-page-before-consent-360x720')
    await guideShot(customer, 'manager-verify-page')
    await customer.locator('.van-checkbox').click()
    expect(await getCode.isDisabled()).toBe(false)
    await getCode.click()
    await customer.getByText(/秒后重发/).waitFor()

    await customer.reload()
    await customer.getByText(/秒后重发/).waitFor()
    expect(await customer.getByPlaceholder('请输入您的真实姓名').inputValue()).toBe(subject.trueName)
    expect(await customer.getByPlaceholder('在本行预留的手机号').inputValue()).toBe(phone)
    expect(await customer.getByRole('button', { name: '提交认证' }).isDisabled()).toBe(false)
    await screenshot(customer, 'verify-page-after-reload-360x720')

    await customer.getByPlaceholder('6 位短信验证码').fill('000000')
    await customer.getByRole('button', { name: '提交认证' }).click()
    await customer.locator('.verify-form__error').filter({ hasText: '验证码不正确' }).waitFor()
    await screenshot(customer, 'verify-page-inline-error-360x720')

    await panel.locator('.phone-code').first().waitFor({ timeout: 10_000 })
    const code = (await panel.locator('.phone-code').first().textContent())!.trim()
    await screenshot(desk, 'simulator-phone-panel-sms-1280x800')
    await guideShot(desk, 'manager-phone-panel-code')
    await customer.getByPlaceholder('6 位短信验证码').fill(code)
    await customer.getByRole('button', { name: '提交认证' }).click()
    await customer.getByText('认证成功').waitFor()
    await expect.poll(() => sidebar.locator('.verification-tag').textContent(), { timeout: 30_000 }).toBe('已认证')
    await guideShot(desk, 'manager-verified')
    expect(errors).toEqual([])
    expect(customerErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
    await wechat.close()
    await desk.close()
  })

  it('when the API is unreachable and the manager switches contact, then the chat never mixes header and messages and nothing throws', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const pageErrors: string[] = []
    desk.on('pageerror', (e) => pageErrors.push(e.message))
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    await desk.locator('#messages .msg, #messages p').first().waitFor()
    const other = desk.locator('#contact-list li').filter({ hasNotText: subject.contactName }).first()
    const otherName = (await other.locator('.name').textContent())!.trim()
    await desk.context().setOffline(true)
    await other.click()
    await expect.poll(() => desk.locator('#chat-title').textContent()).toBe(otherName)
    await desk.locator('#messages').getByText('网络不可用').waitFor()
    expect(await desk.locator('#messages .msg').count()).toBe(0)
    await screenshot(desk, 'simulator-offline-switch-1280x800')
    await desk.context().setOffline(false)
    await desk
      .locator('#messages .msg, #messages p.center:not(:has-text("网络不可用"))')
      .first()
      .waitFor({ timeout: 10_000 })
    expect(pageErrors).toEqual([])
    await desk.close()
  })
  it('when the API becomes unreachable, then the sidebar keeps the loaded profile under an offline banner and drops it once back', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const frame = await sidebarFrame(desk)
    await frame.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    await page.goto(frame.url())
    await page.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    expect(await page.locator('[data-test=offline-banner]').count()).toBe(0)
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'))
    await page.locator('.van-tab', { hasText: '任务' }).click()
    await page.locator('[data-test=offline-banner]').waitFor({ timeout: 15_000 })
    await page.locator('.van-tab', { hasText: '客户' }).click()
    await page.locator('.contact-header__name').waitFor()
    await screenshot(page, 'sidebar-offline-banner-360x720')
    await page.unroute('**/api/**')
    await page.locator('[data-test=offline-banner]').waitFor({ state: 'detached', timeout: 15_000 })
    await page.locator('.van-tab', { hasText: '内容' }).click()
    await page.locator('.ct__topic').last().waitFor()
    const lastChip = await page.locator('.ct__topic').last().boundingBox()
    expect(lastChip!.x + lastChip!.width).toBeLessThanOrEqual(360)
    await screenshot(page, 'sidebar-content-topics-360x720')
    await page.locator('.van-tab', { hasText: '话术' }).click()
    await page.locator('.replies__input textarea').fill('留学购汇'.repeat(130))
    await page.locator('.replies__limit').waitFor()
    await screenshot(page, 'sidebar-question-limit-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await context.close()
  })
})
