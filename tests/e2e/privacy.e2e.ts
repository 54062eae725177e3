import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

const CSRF = { 'x-advisor-request': '1' }

describe('privacy audit view, in Chromium', () => {
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

  async function signedIn(userid: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    expect(
      (await context.request.post(`${server.baseUrl}/api/demo/login`, { headers: CSRF, data: { userid } })).ok(),
    ).toBe(true)
    return context
  }

  /** A sub-branch supervisor and a manager of theirs, who opens three of their contacts in the sidebar. */
  async function subjectWithViews() {
    const db = server.db.kysely
    const row = await db
      .selectFrom('staff as s')
      .innerJoin('staff as boss', (j) =>
        j.onRef('boss.branch_id', '=', 's.branch_id').on('boss.role', '=', 'supervisor'),
      )
      .innerJoin('wecom_contacts as wc', 'wc.staff_userid', 's.wecom_userid')
      .select(['s.id', 's.wecom_userid as staff', 's.name', 'boss.wecom_userid as boss'])
      .where('s.role', '=', 'front')
      .where('s.active', '=', 1)
      .orderBy('s.id')
      .executeTakeFirstOrThrow()
    const contacts = await db
      .selectFrom('wecom_contacts')
      .select('external_userid')
      .where('staff_userid', '=', row.staff!)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .limit(3)
      .execute()
    const manager = await signedIn(row.staff!)
    for (const c of contacts)
      expect((await manager.request.get(`${server.baseUrl}/api/contacts/${c.external_userid}`)).ok()).toBe(true)
    await manager.close()
    return { ...row, contacts: contacts.map((c) => c.external_userid) } as {
      id: string
      staff: string
      name: string
      boss: string
      contacts: string[]
    }
  }

  it("when a supervisor opens 访问审计, then their manager's views are listed, filterable and exportable", async () => {
    const subject = await subjectWithViews()
    const context = await signedIn(subject.boss)
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/console/audit`)
    await page.locator('.audit__row').first().waitFor()
    await expect.poll(() => page.locator('.console__top h1').textContent()).toBe('访问审计')
    expect(await page.locator('.audit__row').filter({ hasText: subject.contacts[0]! }).count()).toBe(1)

    await page.locator('select[name=staffId]').selectOption(subject.id)
    await expect.poll(() => page.locator('.audit__row').count()).toBe(3)
    expect(await page.locator('.audit__row').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(subject.name)]),
    )
    await screenshot(page, 'privacy-audit-1280x800')

    const href = await page.locator('.audit__export').getAttribute('href')
    expect(href).toContain(`staffId=${subject.id}`)
    const csv = await context.request.get(`${server.baseUrl}${href}`)
    expect(csv.ok()).toBe(true)
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(4)
    expect(errors).toEqual([])
    await context.close()
  })
})
