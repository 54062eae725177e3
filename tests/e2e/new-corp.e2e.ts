import type { Browser } from 'playwright-core'
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
import { findVerificationSubject } from './support/subjects.js'

/** DEMO_SCENARIO=new-corp: WeCom (the simulator) holds every relation, our table starts empty. */
describe('first start on a new corp, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 1000, scenario: 'new-corp' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  const db = () => server.db.kysely
  const adminUserid = async () =>
    (
      await db()
        .selectFrom('staff')
        .select('wecom_userid')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('wecom_userid', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).wecom_userid!
  const sim = (method: string, path: string, data?: unknown) =>
    fetch(`${server.baseUrl}/simulator/api${path}`, {
      method,
      headers: data === undefined ? {} : { 'content-type': 'application/json' },
      body: data === undefined ? undefined : JSON.stringify(data),
    })

  it('when the server starts, then the import fills the relations through WeCom and the admin console shows it, its failure and its resumption', async () => {
    const followsOnWecom = await db()
      .selectFrom('sim_follows')
      .select('userid')
      .where('deleted_by_member', '=', 0)
      .execute()
    expect(followsOnWecom.length).toBeGreaterThan(500)
    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    await context.request.post(`${server.baseUrl}/api/demo/login`, {
      headers: { 'x-advisor-request': '1' },
      data: { userid: await adminUserid() },
    })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/wecom`)
    await page.getByText('客户关系导入与对账').waitFor({ timeout: 30_000 })
    await page.getByText('已完成').waitFor({ timeout: 60_000 })
    await page.getByText('首次导入').first().waitFor()
    const imported = await db().selectFrom('wecom_contacts').select('external_userid').execute()
    expect(imported.length).toBe(followsOnWecom.length)
    await screenshot(page, 'new-corp-import-finished-1280x800')

    // WeCom refuses batch/get_by_user: the reconciliation stops with an honest error, then resumes once it is lifted.
    expect(
      (await sim('PUT', '/faults', { api: 'externalcontact/batch/get_by_user', kind: 'rate_limit', probability: 1 }))
        .status,
    ).toBe(201)
    await page.getByRole('button', { name: '立即导入/对账' }).click()
    await page.getByText('中断（将自动续传）').waitFor({ timeout: 60_000 })
    await page.getByText(/最近错误：45009/).waitFor()
    await screenshot(page, 'new-corp-import-rate-limited-1280x800')
    await sim('DELETE', '/faults')
    await page.getByRole('button', { name: '立即导入/对账' }).click()
    await page.getByText('已完成').waitFor({ timeout: 60_000 })
    await page.getByText('夜间对账').first().waitFor()
    expect((await db().selectFrom('wecom_contacts').select('external_userid').execute()).length).toBe(imported.length)
    expect(errors).toEqual([])
    await context.close()
  })

  it('when the import is done, then a manager’s sidebar shows an imported customer', async () => {
    const subject = await findVerificationSubject(server.db, server.pii)
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const frame = await sidebarFrame(desk)
    await frame.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(frame.url())
    await page.locator('.contact-header__name').waitFor({ timeout: 30_000 })
    await screenshot(page, 'new-corp-sidebar-360x720')
    expect(errors).toEqual([])
    await context.close()
  })

  it('when a fault is injected from the simulator page, then it is listed with its hits and the page says so', async () => {
    const staff = await db()
      .selectFrom('staff')
      .select('wecom_userid')
      .where('role', '=', 'front')
      .where('wecom_userid', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/simulator?user=${staff.wecom_userid}`)
    await page.locator('#fault-api').fill('externalcontact/get')
    await page.locator('#fault-kind').selectOption('no_permission')
    await page.locator('#fault-amount').fill('5')
    await page.getByRole('button', { name: '注入', exact: true }).click()
    const item = page.locator('.fault-item[data-api="externalcontact/get"]')
    await item.waitFor()
    expect(await item.textContent()).toContain('48002')
    await page.locator('#fault-mode').selectOption('probability')
    await page.locator('#fault-api').fill('*')
    await page.locator('#fault-kind').selectOption('rate_limit')
    await page.getByRole('button', { name: '注入', exact: true }).click()
    await page.locator('.fault-item[data-api="*"]').waitFor()
    await page.locator('#fault-status').filter({ hasText: '已注入' }).waitFor()
    await page.locator('.fault-panel').scrollIntoViewIfNeeded()
    await screenshot(page, 'simulator-fault-controls-1280x800')
    await page.getByRole('button', { name: '全部清除' }).click()
    await page.locator('.fault-list').filter({ hasText: '没有生效中的故障' }).waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('when 重置为新企业 is pressed on the simulator page, then our relations are emptied and the import refills them', async () => {
    const before = (await db().selectFrom('wecom_contacts').select('id').execute()).length
    expect(before).toBeGreaterThan(500)
    const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/simulator?user=${await adminUserid()}`)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: '重置为新企业' }).click()
    await page
      .locator('#fault-status')
      .filter({ hasText: `已清空 ${before} 条客户关系` })
      .waitFor()
    await page.locator('.fault-panel').scrollIntoViewIfNeeded()
    await screenshot(page, 'simulator-new-corp-reset-1280x800')
    await expect
      .poll(async () => (await db().selectFrom('wecom_import_state').select('status').executeTakeFirst())?.status, {
        timeout: 60_000,
      })
      .toBe('finished')
    expect((await db().selectFrom('wecom_contacts').select('id').execute()).length).toBe(before)
    expect(errors).toEqual([])
    await page.close()
  })
})
