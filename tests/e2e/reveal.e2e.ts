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

describe('a supervisor reveals one masked number with a reason, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 600 })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A verified contact of a front-office member, and the supervisor of that member's branch. */
  async function subject() {
    return server.db.kysely
      .selectFrom('bindings as b')
      .innerJoin('wecom_contacts as wc', (j) =>
        j.onRef('wc.external_userid', '=', 'b.external_userid').onRef('wc.staff_userid', '=', 'b.staff_userid'),
      )
      .innerJoin('staff as s', 's.wecom_userid', 'b.staff_userid')
      .innerJoin('staff as boss', (j) =>
        j.onRef('boss.branch_id', '=', 's.branch_id').on('boss.role', '=', 'supervisor'),
      )
      .select(['b.external_userid as externalUserId', 'b.cif_no as cifNo', 'boss.wecom_userid as boss'])
      .where('s.role', '=', 'front')
      .where('wc.deleted_at', 'is', null)
      .where('boss.active', '=', 1)
      .orderBy('b.id')
      .executeTakeFirstOrThrow() as Promise<{ externalUserId: string; cifNo: string; boss: string }>
  }

  it('when the supervisor opens the contact at 360 px, then phone and ID are masked; 查看 with a reason shows the phone and the audit view lists it', async () => {
    const s = await subject()
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${s.boss}&contact=${s.externalUserId}`)
    const frame = await sidebarFrame(desk)
    await frame.locator('.customer-card').waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const forbidden: string[] = []
    page.on('response', (r) => {
      if (r.status() === 403) forbidden.push(new URL(r.url()).pathname.replace(s.externalUserId, ':id'))
    })
    await page.goto(frame.url())
    await page.locator('.customer-card').scrollIntoViewIfNeeded({ timeout: 30_000 })
    expect(await page.locator('[data-test=phone]').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(await page.locator('[data-test=id-no]').textContent()).toMatch(/^\w{4}\*+\w{4}$/)
    await screenshot(page, 'reveal-sidebar-masked-360x720')

    await page.locator('[data-test=reveal-phone]').click()
    await page.locator('[data-test=reveal-reason-complaint]').click()
    await page.locator('[data-test=reveal-note] textarea').fill('客户来电投诉未收到到期提醒，需回电核实')
    await page.locator('[data-test=reveal-submit]:not([disabled])').waitFor()
    await page.waitForTimeout(400) // the sheet's slide-in
    await screenshot(page, 'reveal-sheet-360x720')
    await page.locator('[data-test=reveal-submit]').click()
    await expect.poll(() => page.locator('[data-test=phone]').textContent()).toMatch(/^1\d{10}$/)
    await page.locator('[data-test=reveal-sheet]').waitFor({ state: 'hidden' })
    expect(await page.locator('[data-test=id-no]').textContent()).toContain('*')
    await page.locator('.customer-card').scrollIntoViewIfNeeded()
    await screenshot(page, 'reveal-sidebar-revealed-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    // Tags, follow-ups and consent are the manager's own acts: the supervisor's sidebar does not even ask for them.
    expect([...new Set(forbidden)]).toEqual([])
    expect(errors).toEqual([])

    await page.setViewportSize(CONSOLE_VIEWPORT)
    await page.goto(`${server.baseUrl}/console/audit`)
    const note = page.locator('[data-test=audit-note]').first()
    await note.waitFor({ timeout: 20_000 })
    expect(await note.textContent()).toContain('手机号 · 处理客户投诉或纠纷：客户来电投诉未收到到期提醒，需回电核实')
    expect(await page.locator('.audit__row').first().textContent()).toContain(s.cifNo)
    await screenshot(page, 'reveal-audit-1280x800')
    expect(errors).toEqual([])
    await context.close()
  })
})
