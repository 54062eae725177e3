import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/db/connect.js'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, SIDEBAR_VIEWPORT, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

interface GroupSubject {
  owner: string
  chatId: string
  name: string
  externals: number
  verified: number
}

/** A seeded group whose owner is active front office, with both verified and unverified customers in it. */
async function findGroupSubject(db: Db): Promise<GroupSubject> {
  const k = db.kysely
  const groups = await k
    .selectFrom('sim_groups as g')
    .innerJoin('staff', 'staff.wecom_userid', 'g.owner')
    .select(['g.chat_id', 'g.name', 'g.owner'])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .orderBy('g.chat_id')
    .execute()
  const bound = new Set(
    (await k.selectFrom('bindings').select('external_userid').execute()).map((b) => b.external_userid),
  )
  for (const g of groups) {
    const ids = (
      await k
        .selectFrom('sim_group_members')
        .select('userid')
        .where('chat_id', '=', g.chat_id)
        .where('type', '=', 2)
        .execute()
    ).map((m) => m.userid)
    const verified = ids.filter((id) => bound.has(id)).length
    if (verified > 0 && verified < ids.length)
      return { owner: g.owner, chatId: g.chat_id, name: g.name, externals: ids.length, verified }
  }
  throw new Error('no seeded group with both verified and unverified customers')
}

async function groupSidebar(page: Page): Promise<Frame> {
  await expect.poll(() => page.frame({ url: /\/sidebar\?.*sim_chat=/ })?.url(), { timeout: 20_000 }).toBeTruthy()
  return page.frame({ url: /\/sidebar\?.*sim_chat=/ })!
}

describe('customer groups through the WeCom simulator, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  let subject: GroupSubject
  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchBrowser()
    subject = await findGroupSubject(server.db)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when a manager opens a customer group, then the group sidebar lists its customers with their verification states', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(desk)
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.owner}`)
    await desk.getByRole('tab', { name: '客户群' }).click()
    await desk.locator(`#group-list li[data-chat-id="${subject.chatId}"]`).click()
    expect(await desk.locator('#entry-select').inputValue()).toBe('group_chat_tools')
    const sidebar = await groupSidebar(desk)

    await sidebar.locator('.group-panel__name').filter({ hasText: subject.name }).waitFor({ timeout: 30_000 })
    expect(await sidebar.locator('.group-member').count()).toBe(subject.externals)
    expect(await sidebar.locator('.group-panel__summary').textContent()).toContain(
      `${subject.externals} 位客户，已认证 ${subject.verified} 位`,
    )
    expect(
      await sidebar.locator('.group-member[data-status="verified"] .group-member__tag').first().textContent(),
    ).toBe('已认证')
    expect(await sidebar.locator('.group-member[data-status="none"] .group-member__tag').first().textContent()).toBe(
      '未认证',
    )
    // Single-chat actions are hidden in a group.
    expect(await sidebar.getByRole('button', { name: /发送实名认证/ }).count()).toBe(0)

    await sidebar.getByRole('tab', { name: /^已认证/ }).click()
    expect(await sidebar.locator('.group-member').count()).toBe(subject.verified)
    await sidebar.getByRole('tab', { name: /^全部/ }).click()

    // sendChatMessage from the group entry lands in the group's chat pane.
    const reply = await sidebar.evaluate(
      () =>
        new Promise<{ err_msg: string }>((resolve) => {
          ;(
            window as unknown as {
              WeixinJSBridge: { invoke: (n: string, p: unknown, cb: (r: { err_msg: string }) => void) => void }
            }
          ).WeixinJSBridge.invoke(
            'sendChatMessage',
            { msgtype: 'text', text: { content: '各位好，本周三晚 8 点直播答疑。' } },
            resolve,
          )
        }),
    )
    expect(reply.err_msg).toBe('sendChatMessage:ok')
    await desk.locator('#messages .bubble').filter({ hasText: '本周三晚 8 点直播答疑' }).waitFor({ timeout: 10_000 })
    await screenshot(desk, 'simulator-group-1280x800')
    expect(errors).toEqual([])

    const audit = await server.db.kysely
      .selectFrom('audit_log')
      .select('outcome')
      .where('target', '=', `group:${subject.chatId}`)
      .execute()
    expect(audit.map((a) => a.outcome)).toContain('allowed')
    await desk.close()
  })

  it('when the group sidebar is opened at phone width, then it fits 360 px', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.owner}&chat=${subject.chatId}`)
    const sidebar = await groupSidebar(desk)
    await sidebar.locator('.group-member').first().waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    await page.goto(sidebar.url())
    await page.locator('.group-member').first().waitFor({ timeout: 30_000 })
    await screenshot(page, 'sidebar-group-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await context.close()
  })
})
