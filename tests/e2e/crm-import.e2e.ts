import { sql } from 'kysely'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_VIEWPORT, launchBrowser, screenshot, watchPageErrors } from './support/browser.js'
import { startDemoServer, type DemoServer } from './support/demo-server.js'

const HEADER =
  '客户号,姓名,手机号,证件号码,出生年份,性别,客户分层,资产规模(元),风险等级,风评日期,管户员工号,所属机构号,是否开户,省份,标签'

/** A manager's live WeCom contact who is not yet a CRM customer (a WeChat friend the CRM does not know). */
async function newcomer(server: DemoServer) {
  const rows = await server.db.kysely
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .innerJoin('sim_people as p', 'p.external_userid', 'wc.external_userid')
    .innerJoin('branches as b', 'b.id', 'staff.branch_id')
    .select([
      'staff.id as staffId',
      'wc.staff_userid as userid',
      'staff.branch_id as branchId',
      'b.province',
      'wc.external_userid as externalUserId',
      'p.name',
      'p.phone',
    ])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .where('p.type', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('bindings').select('id').whereRef('bindings.external_userid', '=', 'wc.external_userid'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('wecom_contacts as o')
            .select('o.id')
            .whereRef('o.external_userid', '=', 'wc.external_userid')
            .whereRef('o.staff_userid', '!=', 'wc.staff_userid'),
        ),
      ),
    )
    // Strangers (non-customers) are seeded last.
    .orderBy(sql`wc.id`, 'desc')
    .limit(300)
    .execute()
  for (const r of rows) {
    const known = await server.db.kysely
      .selectFrom('customers')
      .select('cif_no')
      .where('phone_hash', '=', server.pii.hash('phone', r.phone)!)
      .executeTakeFirst()
    if (!known) return { ...r, userid: r.userid! }
  }
  throw new Error('no contact outside the CRM')
}

async function upload(page: Page, csv: string) {
  await page
    .locator('[data-testid=crm-file]')
    .setInputFiles({ name: '新客户.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) })
  await page.getByRole('button', { name: '开始导入' }).click()
  await page.locator('[data-testid=crm-run-result]').waitFor()
}

describe('CRM import in the console, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  beforeAll(async () => {
    server = await startDemoServer({ customers: 1500 })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when the admin uploads a file with a bad row, fixes it and uploads again, then the new customer verifies and shows in the sidebar', async () => {
    const person = await newcomer(server)
    const good = `E2E0000001,${person.name},${person.phone},110105199001011234,1990,女,财富,"860,000.00",R3,2026-06-01,${person.staffId},${person.branchId},是,${person.province},基金偏好`
    const bad = `E2E0000002,孙某,1390000,110105199001012345,1990,男,大众,100,R2,2026-06-01,${person.staffId},${person.branchId},是,${person.province},`

    const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    expect(
      (
        await page.request.post(`${server.baseUrl}/api/demo/login`, {
          headers: { 'x-advisor-request': '1' },
          data: { userid: 'crm.admin' },
        })
      ).status(),
    ).toBe(200)
    await page.goto(`${server.baseUrl}/console/crm`)
    await page.getByRole('heading', { name: '文件导入' }).waitFor()

    await upload(page, `${HEADER}\n${good}\n${bad}\n`)
    const errorRow = page.locator('.error-row')
    await expect.poll(() => errorRow.allTextContents()).toEqual(['新客户.csv3手机号应为 11 位中国大陆手机号'])
    await expect.poll(() => page.locator('[data-testid=crm-run-result]').textContent()).toContain('未写入任何数据')
    await screenshot(page, 'console-crm-import-rejected-1280x800')
    expect(
      await server.db.kysely
        .selectFrom('customers')
        .select('cif_no')
        .where('cif_no', '=', 'E2E0000001')
        .executeTakeFirst(),
    ).toBeUndefined()

    await upload(page, `${HEADER}\n${good}\n${bad.replace(',1390000,', ',13900007777,')}\n`)
    await expect.poll(() => page.locator('[data-testid=crm-run-result]').textContent()).toContain('导入完成')
    await expect.poll(() => page.locator('.run-row').count()).toBeGreaterThanOrEqual(2)
    await screenshot(page, 'console-crm-import-succeeded-1280x800')
    expect(errors).toEqual([])

    // The customer verifies through the public API, as the verification page would.
    const manager = await browser.newContext()
    await manager.request.post(`${server.baseUrl}/api/demo/login`, {
      headers: { 'x-advisor-request': '1' },
      data: { userid: person.userid },
    })
    const link = await (
      await manager.request.post(`${server.baseUrl}/api/verifications`, {
        headers: { 'x-advisor-request': '1' },
        data: { externalUserId: person.externalUserId },
      })
    ).json()
    const token = new URL(link.url).pathname.split('/').pop()!
    const customer = await browser.newContext()
    await customer.request.get(`${server.baseUrl}/api/public/verifications/${token}`)
    expect(
      (
        await customer.request.post(`${server.baseUrl}/api/public/verifications/${token}/sms`, {
          headers: { 'x-advisor-request': '1' },
          data: { name: person.name, phone: person.phone, consent: true },
        })
      ).status(),
    ).toBe(202)
    const outbox = await (await fetch(`${server.baseUrl}/simulator/api/sms-outbox?phone=${person.phone}`)).json()
    const code = /(\d{6})/.exec(outbox.messages[0].text)![1]!
    expect(
      (
        await customer.request.post(`${server.baseUrl}/api/public/verifications/${token}/confirm`, {
          headers: { 'x-advisor-request': '1' },
          data: { code },
        })
      ).status(),
    ).toBe(200)

    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    await desk.goto(`${server.baseUrl}/simulator?user=${person.userid}&contact=${person.externalUserId}`)
    await expect.poll(() => desk.frame({ url: /\/sidebar\?/ })?.url(), { timeout: 20_000 }).toBeTruthy()
    const sidebar: Frame = desk.frame({ url: /\/sidebar\?/ })!
    await sidebar.locator('.customer-card').waitFor({ timeout: 30_000 })
    await expect.poll(() => sidebar.locator('.customer-card').textContent()).toContain(`${person.name} · 财富客户`)
    expect(await sidebar.locator('.customer-card').textContent()).toContain(
      `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
    )
    await screenshot(desk, 'simulator-imported-customer-verified-1280x800')
    const binding = await server.db.kysely
      .selectFrom('bindings')
      .select('cif_no')
      .where('external_userid', '=', person.externalUserId)
      .execute()
    expect(binding).toEqual([{ cif_no: 'E2E0000001' }])
    await Promise.all([manager.close(), customer.close(), context.close(), desk.close()])
  })
})
