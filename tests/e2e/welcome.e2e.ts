import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CONSOLE_VIEWPORT,
  launchBrowser,
  screenshot,
  sidebarFrame,
  SIDEBAR_VIEWPORT,
  watchPageErrors,
} from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

describe('欢迎语 in the console, and moments on desktop WeCom, in Chromium', () => {
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

  const headStaff = async (title: string) =>
    (
      await server.db.kysely
        .selectFrom('staff')
        .innerJoin('branches', 'branches.id', 'staff.branch_id')
        .select('staff.wecom_userid')
        .where('staff.title', '=', title)
        .where('branches.level', '=', 'head')
        .executeTakeFirstOrThrow()
    ).wecom_userid!
  async function signedIn(userid: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    const login = await context.request.post(`${server.baseUrl}/api/demo/login`, {
      headers: { 'x-advisor-request': '1' },
      data: { userid },
    })
    expect(login.ok()).toBe(true)
    return context
  }

  it('when the middle office writes a welcome message and a reviewer approves it, then the console shows it in use', async () => {
    const author = await signedIn(await headStaff('中台内容专员'))
    const page = await author.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/welcome`)
    await page.locator('[data-test="welcome-form"]').waitFor({ timeout: 30_000 })
    await page.locator('input[name="title"]').fill('默认欢迎语')
    await page
      .locator('textarea[name="text"]')
      .fill('您好，我是您的专属客户经理，很高兴为您服务。如需了解存款、理财或贷款，随时留言。')
    await page.getByRole('button', { name: '新建草稿' }).click()
    await page.locator('[data-welcome]').first().waitFor()
    await page.getByRole('button', { name: '提交审核' }).first().click()
    await page.getByText('审核中').first().waitFor()

    const reviewer = await signedIn(await headStaff('合规审核岗'))
    const review = await reviewer.newPage()
    await review.goto(`${server.baseUrl}/console/welcome`)
    await review.getByRole('button', { name: '通过（90 天）' }).first().click()
    await review.getByText('使用中').first().waitFor({ timeout: 10_000 })
    await review.waitForTimeout(300)
    await screenshot(review, 'console-welcome-1280x800')
    expect(errors).toEqual([])
    await author.close()
    await reviewer.close()
  })

  it('when a manager with a moment task opens the 任务 tab in desktop WeCom, then there is no 发朋友圈 button, only the hint', async () => {
    const db = server.db.kysely
    const contact = await db
      .selectFrom('wecom_contacts as wc')
      .innerJoin('staff as s', 's.wecom_userid', 'wc.staff_userid')
      .select(['wc.staff_userid', 'wc.external_userid', 's.id as staff_id'])
      .where('s.role', '=', 'front')
      .where('wc.deleted_at', 'is', null)
      .orderBy('wc.id')
      .executeTakeFirstOrThrow()
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    await db
      .insertInto('tasks')
      .values({
        id: 'e2e-moment-task',
        kind: 'moment',
        title: '本周黄金行情朋友圈',
        payload: JSON.stringify({ text: '本周金价区间震荡，欢迎了解积存金。' }),
        scope: JSON.stringify({ staff: [contact.staff_userid], branches: [] }),
        start_date: day,
        due_date: day,
        created_by: contact.staff_id,
        created_at: new Date().toISOString(),
        status: 'active',
        wecom_ref: null,
      })
      .execute()
    await db
      .insertInto('task_assignments')
      .values({
        task_id: 'e2e-moment-task',
        staff_userid: contact.staff_userid,
        status: 'open',
        progress: 0,
        target: 1,
        wecom_ref: null,
        detail: '{}',
        done_at: null,
        checked_at: null,
      })
      .execute()
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${contact.staff_userid}&contact=${contact.external_userid}`)
    const frame = await sidebarFrame(desk)
    await frame.locator('.sidebar__me').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    await page.goto(frame.url())
    await page.locator('.sidebar__me').waitFor({ timeout: 30_000 })
    await page.locator('.van-tab').filter({ hasText: '任务' }).click()
    const task = page.locator('.todo-task').filter({ hasText: '本周黄金行情朋友圈' })
    await task.waitFor({ timeout: 30_000 })
    expect(await task.locator('[data-test="mobile-only"]').textContent()).toBe('请在手机企业微信上发朋友圈')
    expect(await task.getByRole('button', { name: '发朋友圈' }).count()).toBe(0)
    await page.waitForTimeout(300)
    await screenshot(page, 'sidebar-tasks-desktop-no-moments-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await context.close()
  })
})
