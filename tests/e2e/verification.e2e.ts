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
import { findVerificationSubject, type VerificationSubject } from './support/subjects.js'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600 WeChat/arm64 NetType/WIFI Language/zh_CN'

describe('verification through the WeCom simulator, in Chromium', () => {
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

  it('when a manager sends the link and the customer completes it in WeChat, then the sidebar flips to 已认证 without a reload', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(desk)
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const sidebar = await sidebarFrame(desk)

    // The real @wecom/jssdk registered through the bridge (signature checked by the simulator) and read the contact.
    await sidebar.locator('.contact-header__name').filter({ hasText: subject.contactName }).waitFor({ timeout: 30_000 })
    const timeToProfileMs = await sidebar.evaluate(
      () => performance.getEntriesByName('advisor:profile-rendered')[0]?.startTime ?? -1,
    )
    expect(timeToProfileMs).toBeGreaterThan(0)
    console.log(
      `time-to-profile (navigation → profile rendered, simulator iframe, no throttling): ${Math.round(timeToProfileMs)} ms`,
    )
    await expect.poll(() => sidebar.locator('.verification-tag').textContent()).toBe('未发送')
    await screenshot(desk, 'simulator-desktop-before-1280x800')

    await sidebar.getByRole('button', { name: '发送实名认证' }).click()
    const card = desk.locator('.bubble.news a').last()
    await card.waitFor({ timeout: 15_000 })
    const link = await card.getAttribute('href')
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/v/[A-Za-z0-9_-]{43}$`))
    await expect.poll(() => sidebar.locator('.verification-tag').textContent()).toBe('已发送')

    // The customer opens the card in WeChat (not WeCom): no bridge, WeChat user agent, phone-sized.
    const wechat = await browser.newContext({
      userAgent: WECHAT_UA,
      viewport: SIDEBAR_VIEWPORT,
      isMobile: true,
      hasTouch: true,
    })
    const customer = await wechat.newPage()
    await customer.goto(link!)
    await customer.getByText(subject.staffName).first().waitFor()
    await screenshot(customer, 'verify-page-open-360x720')
    await customer.getByPlaceholder('请输入您的真实姓名').fill(subject.trueName)
    await customer.getByPlaceholder('在本行预留的手机号').fill(subject.phone)
    await customer.locator('.van-checkbox').click()
    await customer.getByRole('button', { name: '获取验证码' }).click()
    await customer.getByText(/秒后重发/).waitFor()
    const outbox = await (await fetch(`${server.baseUrl}/simulator/api/sms-outbox?phone=${subject.phone}`)).json()
    const code = /(\d{6})/.exec(outbox.messages[0].text)![1]!
    await customer.getByPlaceholder('6 位短信验证码').fill(code)
    await screenshot(customer, 'verify-page-filled-360x720')
    await customer.getByRole('button', { name: '提交认证' }).click()
    await customer.getByText('认证成功').waitFor()
    await screenshot(customer, 'verify-page-success-360x720')

    // Back in WeCom: the sidebar notices by itself (polling), then shows the CRM profile and the rules.
    await expect.poll(() => sidebar.locator('.verification-tag').textContent(), { timeout: 30_000 }).toBe('已认证')
    await sidebar.locator('.customer-card').waitFor()
    const rules = await sidebar
      .locator('.attribution__rule')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-rule'), e.getAttribute('data-verdict')]))
    expect(rules.map(([k]) => k)).toEqual(['verified', 'has_account', 'in_book', 'first_add', 'out_of_province'])
    expect(Object.fromEntries(rules)).toMatchObject({ verified: 'pass', has_account: 'pass', in_book: 'pass' })
    await screenshot(desk, 'simulator-desktop-verified-1280x800')
    expect(errors).toEqual([])

    const binding = await server.db.kysely
      .selectFrom('bindings')
      .selectAll()
      .where('external_userid', '=', subject.externalUserId)
      .execute()
    expect(binding).toHaveLength(1)
    await wechat.close()
    await desk.close()
  })

  it('when the sidebar is opened at phone width, then the verified profile fits 360 px', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const sidebar = await sidebarFrame(desk)
    await sidebar.locator('.customer-card').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    await page.goto(sidebar.url())
    await page.locator('.customer-card').waitFor({ timeout: 30_000 })
    await screenshot(page, 'sidebar-profile-verified-360x720')
    await page.locator('.attribution').scrollIntoViewIfNeeded()
    await screenshot(page, 'sidebar-attribution-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await context.close()
  })

  it('when a new customer is added in the simulator, then the encrypted callback brings them into the app', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}`)
    await desk.locator('#contact-list li').first().waitFor()
    const before = await desk.locator('#contact-list li').count()
    await desk.locator('#add-customer').click()
    await expect.poll(() => desk.locator('#contact-list li').count(), { timeout: 15_000 }).toBe(before + 1)
    const sidebar = await sidebarFrame(desk)
    await sidebar.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    await expect.poll(() => sidebar.locator('.verification-tag').textContent()).toBe('未发送')
    const stored = await server.db.kysely.selectFrom('wecom_callbacks').select('id').execute()
    expect(stored.length).toBeGreaterThan(0)
    await screenshot(desk, 'simulator-new-customer-1280x800')
    await desk.close()
  })
})
