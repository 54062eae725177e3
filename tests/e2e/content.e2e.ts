import type { Browser, BrowserContext, Page } from 'playwright-core'
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

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600 WeChat/arm64 NetType/WIFI Language/zh_CN'
const TITLE = `E2E 基金市场周评 ${Date.now() % 100000}`

/** A manager with two live, verified contacts: one at R4/R5 (fits R3 content) and one at R1 (does not). */
async function findSubjects(server: DemoServer) {
  const rows = await server.db.kysely
    .selectFrom('wecom_contacts as w')
    .innerJoin('bindings as b', (j) =>
      j.onRef('b.external_userid', '=', 'w.external_userid').onRef('b.staff_userid', '=', 'w.staff_userid'),
    )
    .innerJoin('customers as c', 'c.cif_no', 'b.cif_no')
    .innerJoin('staff as s', 's.wecom_userid', 'w.staff_userid')
    .select(['w.staff_userid', 'w.external_userid', 'w.name', 'c.risk_level', 'c.risk_assessed_at'])
    .where('w.deleted_at', 'is', null)
    .where('s.active', '=', 1)
    .where('s.role', '=', 'front')
    .orderBy('w.id')
    .execute()
  const fresh = (d: string | null) => !!d && new Date(d).getTime() > Date.now() - 300 * 86_400_000
  for (const fit of rows.filter((r) => (r.risk_level === 'R4' || r.risk_level === 'R5') && fresh(r.risk_assessed_at))) {
    const unfit = rows.find((r) => r.staff_userid === fit.staff_userid && r.risk_level === 'R1')
    if (unfit) return { manager: fit.staff_userid, fit, unfit }
  }
  throw new Error('no manager with both a fitting and an unfitting verified contact')
}

async function staffWithTitle(server: DemoServer, title: string) {
  const row = await server.db.kysely
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.wecom_userid', 'staff.name'])
    .where('staff.title', '=', title)
    .where('branches.level', '=', 'head')
    .where('staff.wecom_userid', 'is not', null)
    .executeTakeFirstOrThrow()
  return { ...row, wecom_userid: row.wecom_userid! }
}

async function consoleAs(
  browser: Browser,
  server: DemoServer,
  userid: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
  await context.request.post(`${server.baseUrl}/api/demo/login`, {
    headers: { 'x-advisor-request': '1' },
    data: { userid },
  })
  const page = await context.newPage()
  await page.goto(`${server.baseUrl}/console/content`)
  return { context, page }
}

describe('content library end to end, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 3000 })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('author → reviewer → fitting contact only → send → customer opens and asks → manager sees it', async () => {
    const subjects = await findSubjects(server)
    const author = await staffWithTitle(server, '中台内容专员')
    const reviewer = await staffWithTitle(server, '合规审核岗')

    // The author drafts; the banned phrase shows inline before submitting.
    const a = await consoleAs(browser, server, author.wecom_userid)
    const aErrors = watchPageErrors(a.page)
    await a.page.locator('[data-test=new-content]').click()
    await a.page.locator('select[name=kind]').selectOption('article')
    await a.page.locator('select[name=topic]').selectOption('fund')
    await a.page.locator('input[name=title]').fill(TITLE)
    await a.page.locator('textarea[name=body]').fill('本周市场震荡，这只基金保本稳赚。')
    await a.page.locator('select[name=minRiskLevel]').selectOption('R3')
    await a.page.locator('.findings__item[data-severity=block]').filter({ hasText: '「保本」' }).waitFor()
    await screenshot(a.page, 'content-console-findings-1280x800')
    await a.page.locator('textarea[name=body]').fill('本周市场震荡加剧，建议坚持定投、分散配置，关注长期价值。')
    await a.page.locator('textarea[name=disclaimer]').fill('基金有风险，投资须谨慎。过往业绩不代表未来表现。')
    await expect.poll(() => a.page.locator('.ed .findings__item').count()).toBe(0)
    await a.page.locator('[data-test=save-content]').click()
    await a.page.locator('[data-test=submit-review]').click()
    await a.page.locator('.cl__table tr', { hasText: TITLE }).locator('text=审核中').waitFor()
    expect(await a.page.locator('[data-test=approve]').count()).toBe(0)
    expect(aErrors).toEqual([])

    // A different reviewer approves it with a validity window.
    const r = await consoleAs(browser, server, reviewer.wecom_userid)
    await r.page.locator('.cl__table tr', { hasText: TITLE }).click()
    await r.page.locator('[data-test=approve]').click()
    await r.page.locator('.cl__table tr', { hasText: TITLE }).locator('text=已通过').waitFor()
    await screenshot(r.page, 'content-console-approved-1280x800')
    const item = await server.db.kysely
      .selectFrom('content_items')
      .selectAll()
      .where('title', '=', TITLE)
      .executeTakeFirstOrThrow()
    expect(item.approval_no).toMatch(/^ZT-\d{4}-\d{6}$/)

    // The manager's sidebar: suggested for the R4/R5 contact, not for the R1 one.
    const deskContext = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    const desk = await deskContext.newPage()
    const deskErrors = watchPageErrors(desk)
    await desk.goto(`${server.baseUrl}/simulator?user=${subjects.manager}&contact=${subjects.unfit.external_userid}`)
    let sidebar = await sidebarFrame(desk)
    await sidebar.locator('.van-tab', { hasText: '内容' }).click()
    await sidebar.locator('.rec').first().waitFor({ timeout: 30_000 })
    expect(await sidebar.locator('.rec', { hasText: TITLE }).count()).toBe(0)
    await desk.goto(`${server.baseUrl}/simulator?user=${subjects.manager}&contact=${subjects.fit.external_userid}`)
    sidebar = await sidebarFrame(desk)
    await sidebar.locator('.van-tab', { hasText: '内容' }).click()
    const card = sidebar.locator('.rec', { hasText: TITLE })
    await card.waitFor({ timeout: 30_000 })
    expect(await card.locator('.rec__reason').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^客户 C[45] \S+ 可购买 R\d/)]),
    )

    // The same sidebar URL at phone width, in the desk's context (its WeCom session and bridge).
    const sidebarPage = await deskContext.newPage()
    await sidebarPage.setViewportSize(SIDEBAR_VIEWPORT)
    await sidebarPage.goto(sidebar.url())
    await sidebarPage.locator('.van-tab', { hasText: '内容' }).click()
    await sidebarPage.locator('.rec').first().waitFor({ timeout: 30_000 })
    await screenshot(sidebarPage, 'content-sidebar-list-360x720')
    await sidebarPage.locator('.rec', { hasText: '走势' }).first().click()
    await sidebarPage.locator('.sheet__img').waitFor()
    await sidebarPage.waitForFunction(
      () => (document.querySelector('.sheet__img') as HTMLImageElement | null)?.complete,
    )
    await screenshot(sidebarPage, 'content-sidebar-chart-preview-360x720')
    expect(await sidebarPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await sidebarPage.close()

    // Send: the tracked news card lands in the simulated chat.
    await card.click()
    await sidebar.locator('[data-test=send-content]').click()
    const bubble = desk.locator('.bubble.news a').last()
    await bubble.waitFor({ timeout: 15_000 })
    const link = await bubble.getAttribute('href')
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/c/[A-Za-z0-9_-]{22}$`))
    await screenshot(desk, 'content-simulator-sent-1280x800')
    const sendId = link!.split('/c/')[1]!

    // The customer opens it in WeChat: counted once per device; 我想咨询 notifies the manager.
    const wechat = await browser.newContext({
      userAgent: WECHAT_UA,
      viewport: SIDEBAR_VIEWPORT,
      isMobile: true,
      hasTouch: true,
    })
    const customer = await wechat.newPage()
    await customer.goto(link!)
    await customer.getByText(TITLE).waitFor()
    await customer.reload()
    await customer.getByText(TITLE).waitFor()
    const opens = () =>
      server.db.kysely
        .selectFrom('events')
        .select('id')
        .where('type', '=', 'content_opened')
        .where('ref_id', '=', sendId)
        .execute()
        .then((r) => r.length)
    await expect.poll(opens).toBe(1)
    await screenshot(customer, 'content-customer-page-360x720')
    await customer.locator('[data-test=inquire]').click()
    await customer.locator('[data-test=inquired]').waitFor()
    await screenshot(customer, 'content-customer-inquired-360x720')
    // 不再接收此类推送: the customer opts out of marketing from the page itself.
    await customer.locator('[data-test=opt-out]').click()
    await customer.getByText('确认不再接收').waitFor()
    // The dialog fades in: shoot it once its transitions are over.
    await customer
      .locator('.van-dialog')
      .evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)))
    await screenshot(customer, 'content-customer-optout-confirm-360x720')
    await customer.getByText('确认不再接收').click()
    await customer.locator('[data-test=opted-out]').waitFor()
    await customer.locator('[data-test=opted-out]').scrollIntoViewIfNeeded()
    await screenshot(customer, 'content-customer-opted-out-360x720')

    await sidebar.locator('[data-test=content-inquiry]', { hasText: TITLE }).waitFor({ timeout: 20_000 })
    await sidebar.locator('[data-test=content-inquiry]').first().scrollIntoViewIfNeeded()
    await screenshot(desk, 'content-simulator-inquiry-1280x800')
    expect(deskErrors).toEqual([])
    await wechat.close()
    await deskContext.close()
    await a.context.close()
    await r.context.close()
  })
})
