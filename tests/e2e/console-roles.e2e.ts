import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, SIDEBAR_VIEWPORT, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'
import { guideShot } from './support/guide-shots.js'

async function headStaff(server: DemoServer, title: string) {
  const row = await server.db.kysely
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.id', 'staff.wecom_userid', 'staff.name'])
    .where('staff.title', '=', title)
    .where('branches.level', '=', 'head')
    .where('staff.wecom_userid', 'is not', null)
    .executeTakeFirstOrThrow()
  return { ...row, wecom_userid: row.wecom_userid! }
}

async function staffWithRole(server: DemoServer, role: 'supervisor' | 'admin') {
  const row = await server.db.kysely
    .selectFrom('staff')
    .select(['wecom_userid'])
    .where('role', '=', role)
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  return row.wecom_userid!
}

async function consoleAs(
  browser: Browser,
  server: DemoServer,
  userid: string,
  viewport = CONSOLE_VIEWPORT,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  await context.request.post(`${server.baseUrl}/api/demo/login`, {
    headers: { 'x-advisor-request': '1' },
    data: { userid },
  })
  const page = await context.newPage()
  const errors = watchPageErrors(page)
  await page.goto(`${server.baseUrl}/console`)
  return { context, page, errors }
}

describe('console by role and capability, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 2000 })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when a reviewer signs in, then she lands on the review queue with pending counts and cannot edit or submit the author’s items', async () => {
    const reviewer = await headStaff(server, '合规审核岗')
    const author = await headStaff(server, '中台内容专员')
    const { context, page, errors } = await consoleAs(browser, server, reviewer.wecom_userid)
    await page.waitForURL(/\/console\/content\?status=in_review$/)
    const badge = page.locator('.console__link', { hasText: '内容库' }).locator('.console__badge')
    await badge.waitFor()
    expect(Number(await badge.textContent())).toBeGreaterThan(0)
    await page.locator('.cl__table tbody tr[data-id]').first().click()
    await page.locator('[data-test=approve]').waitFor()
    expect(await page.locator('[data-test=save-content]').count()).toBe(0)
    expect(await page.locator('[data-test=submit-review]').count()).toBe(0)
    await screenshot(page, 'console-reviewer-queue-1280x800')
    await guideShot(page, 'reviewer-queue')

    const rejected = await server.db.kysely
      .selectFrom('content_items')
      .select(['id'])
      .where('status', '=', 'rejected')
      .where('author_staff_id', '=', author.id)
      .executeTakeFirstOrThrow()
    await page.locator('.cl__toolbar select').first().selectOption('rejected')
    await page.locator(`.cl__table tr[data-id="${rejected.id}"]`).click()
    await page.locator('[data-test=capability-note]').filter({ hasText: '只有作者本人' }).waitFor()
    expect(await page.locator('[data-test=save-content]').count()).toBe(0)
    expect(await page.locator('[data-test=submit-review]').count()).toBe(0)
    await screenshot(page, 'console-reviewer-readonly-1280x800')

    // The review queue's 有效期至 is a Chinese date picker (年/月/日), whatever the browser's language.
    await page.locator('.cl__toolbar select').first().selectOption('in_review')
    await page.locator('.cl__table tbody tr[data-id]').first().click()
    await page.locator('.date-field__pick').click()
    await page.locator('.van-picker-column__item', { hasText: '年' }).first().waitFor()
    await page.waitForTimeout(400) // the popup's fade-in
    await screenshot(page, 'console-date-picker-1280x800')
    await page.getByRole('button', { name: '确认' }).click()
    expect(await page.locator('input[name=validUntil]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    await page.locator('summary', { hasText: '帮助' }).click()
    await page.locator('.help__menu a', { hasText: '合规审核指南' }).waitFor()
    await screenshot(page, 'console-help-menu-1280x800')
    expect(errors).toEqual([])
    await context.close()
  })

  it('when the author opens her own item in review, then she sees no 驳回 or 审核通过, and her menu counts her rejected items', async () => {
    const author = await headStaff(server, '中台内容专员')
    const { context, page, errors } = await consoleAs(browser, server, author.wecom_userid)
    await page.waitForURL(/\/console\/content$/)
    const inReview = await server.db.kysely
      .selectFrom('content_items')
      .select(['id'])
      .where('status', '=', 'in_review')
      .where('author_staff_id', '=', author.id)
      .executeTakeFirstOrThrow()
    await page.locator('.cl__toolbar select').first().selectOption('in_review')
    await page.locator(`.cl__table tr[data-id="${inReview.id}"]`).click()
    await page.locator('[data-test=capability-note]').filter({ hasText: '已提交审核' }).waitFor()
    expect(await page.getByRole('button', { name: '驳回' }).count()).toBe(0)
    expect(await page.locator('[data-test=approve]').count()).toBe(0)
    const badge = page.locator('.console__link', { hasText: '内容库' }).locator('.console__badge')
    await badge.waitFor()
    await screenshot(page, 'console-author-own-in-review-1280x800')
    await guideShot(page, 'editor-content-library')
    expect(errors).toEqual([])
    await context.close()
  })

  it('when the 话术库 holds more than a page, then it pages through every entry at desktop and phone width', async () => {
    const author = await headStaff(server, '中台内容专员')
    const total = await server.db.kysely
      .selectFrom('qa_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'retired')
      .executeTakeFirstOrThrow()
    expect(Number(total.n)).toBeGreaterThan(50)
    for (const viewport of [CONSOLE_VIEWPORT, SIDEBAR_VIEWPORT]) {
      const { context, page, errors } = await consoleAs(browser, server, author.wecom_userid, viewport)
      await page.waitForURL(/\/console\/content/)
      await page.goto(`${server.baseUrl}/console/qa`)
      await page.locator('.qa__table tbody tr[data-id]').first().waitFor()
      expect(await page.locator('.qa__table tbody tr[data-id]').count()).toBe(50)
      await expect.poll(() => page.locator('.qa__count').textContent()).toContain(`共 ${Number(total.n)} 条`)
      const first = await page.locator('.qa__table tbody tr[data-id]').first().getAttribute('data-id')
      await page.locator('.qa__pager').getByText('下一页').click()
      await expect.poll(() => page.locator('.qa__count').textContent()).toContain('第 2/')
      await expect
        .poll(() => page.locator('.qa__table tbody tr[data-id]').first().getAttribute('data-id'))
        .not.toBe(first)
      await screenshot(page, `console-qa-page-2-${viewport.width}x${viewport.height}`)
      if (viewport === CONSOLE_VIEWPORT) await guideShot(page, 'editor-qa-library')
      expect(errors).toEqual([])
      await context.close()
    }
  })

  it('when a supervisor or bank IT signs in, then each lands on their own page, at desktop and phone width', async () => {
    for (const [role, path, name, ready] of [
      ['supervisor', /\/console\/dashboard$/, 'manager-dashboard', '.dash-row'],
      ['admin', /\/console\/crm$/, 'it-admin-crm', 'text=文件导入'],
    ] as const) {
      for (const viewport of [CONSOLE_VIEWPORT, SIDEBAR_VIEWPORT]) {
        const { context, page, errors } = await consoleAs(browser, server, await staffWithRole(server, role), viewport)
        await page.waitForURL(path)
        await page.locator(ready).first().waitFor({ timeout: 30_000 })
        await page.waitForLoadState('networkidle')
        await screenshot(page, `console-${role}-landing-${viewport.width}x${viewport.height}`)
        if (viewport === CONSOLE_VIEWPORT) await guideShot(page, name)
        expect(errors).toEqual([])
        await context.close()
      }
    }
  })

  it('when the help menu links a guide, then the guide page renders with its screenshots', async () => {
    const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const res = await page.goto(`${server.baseUrl}/help/compliance-reviewer`)
    expect(res?.status()).toBe(200)
    await page.locator('h1').waitFor()
    const images = await page
      .locator('img')
      .evaluateAll((imgs) =>
        imgs.map((i) => ({ src: (i as HTMLImageElement).src, ok: (i as HTMLImageElement).naturalWidth > 0 })),
      )
    expect(images.length).toBeGreaterThan(0)
    await screenshot(page, 'help-guide-reviewer-1280x800')
    await page.close()
  })
})
