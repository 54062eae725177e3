import type { Browser } from 'playwright-core'
import { sql } from 'kysely'
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

interface Subject {
  staffUserid: string
  externalUserId: string
  middleUserid: string
}

/** A manager with a live, verified contact of their own, and a middle-office member to answer. */
async function findSubject(server: DemoServer): Promise<Subject> {
  const db = server.db.kysely
  const contact = await db
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .innerJoin('bindings as b', (j) =>
      j.onRef('b.external_userid', '=', 'wc.external_userid').onRef('b.staff_userid', '=', 'wc.staff_userid'),
    )
    .select(['wc.staff_userid as staffUserid', 'wc.external_userid as externalUserId'])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .orderBy(sql`wc.id`)
    .limit(1)
    .executeTakeFirstOrThrow()
  const middle = await db
    .selectFrom('staff')
    .select('wecom_userid')
    .where('role', '=', 'middle')
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()
  return {
    staffUserid: contact.staffUserid,
    externalUserId: contact.externalUserId,
    middleUserid: middle.wecom_userid!,
  }
}

const NO_FIT = '客户想了解家族信托的门槛是多少'
const ANSWER = '本行家族信托一般 1000 万元起设立，可以把保单受益权装入信托，具体方案由私行顾问一对一设计。'

describe('reply suggestions and 问中台 through the WeCom simulator, in Chromium', () => {
  let server: DemoServer
  let browser: Browser
  let subject: Subject
  beforeAll(async () => {
    server = await startDemoServer()
    browser = await launchBrowser()
    subject = await findSubject(server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('when nothing fits, the manager asks 问中台, the middle office answers in the console, then the answer arrives without a reload and is sent; promotion makes a draft', async () => {
    const desk = await browser.newPage({ viewport: CONSOLE_VIEWPORT })
    const deskErrors = watchPageErrors(desk)
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const sidebar = await sidebarFrame(desk)
    await sidebar.getByRole('tab', { name: '话术' }).click({ timeout: 30_000 })

    await sidebar.getByPlaceholder('粘贴或输入客户的问题，答案会自动出现').fill(NO_FIT)
    await sidebar.locator('.replies__none').waitFor({ timeout: 15_000 })
    await sidebar.locator('.replies__escalate').click()
    await sidebar.locator('.ask__chip', { hasText: '理财' }).click()
    await sidebar.getByRole('button', { name: '提交给中台' }).click()
    await sidebar.locator('.mine__item[data-status="open"]').first().waitFor()
    const escalation = await server.db.kysely
      .selectFrom('escalations')
      .selectAll()
      .where('question', '=', NO_FIT)
      .executeTakeFirstOrThrow()
    expect(escalation).toMatchObject({
      staff_userid: subject.staffUserid,
      external_userid: subject.externalUserId,
      topic: 'wealth',
      status: 'open',
    })
    expect(JSON.parse(escalation.context).segment).toBeTruthy()
    await screenshot(desk, 'replies-desktop-asked-1280x800')

    // The middle office, in the console on a desktop browser.
    const consoleContext = await browser.newContext({ viewport: CONSOLE_VIEWPORT })
    const consolePage = await consoleContext.newPage()
    const consoleErrors = watchPageErrors(consolePage)
    await consolePage.request.post(`${server.baseUrl}/api/demo/login`, {
      headers: { 'x-advisor-request': '1' },
      data: { userid: subject.middleUserid },
    })
    await consolePage.goto(`${server.baseUrl}/console/escalations`)
    await consolePage.locator(`.inbox__item[data-id="${escalation.id}"]`).click()
    await expect
      .poll(() => consolePage.locator('.panel__field input').inputValue())
      .toBe('理财非存款，产品有风险，投资须谨慎。')
    await consolePage.getByPlaceholder('写给客户看的答复，客户经理可以直接发送').fill(ANSWER)
    await screenshot(consolePage, 'console-escalation-answer-1280x800')
    await consolePage.getByRole('button', { name: '提交答复' }).click()
    await consolePage.locator('.panel__answer').waitFor()

    // Back in WeCom: the tab polls and shows the answer by itself, then sends it.
    const answered = sidebar.locator(`.mine__item[data-id="${escalation.id}"][data-status="answered"]`)
    await answered.waitFor({ timeout: 40_000 })
    await expect.poll(() => answered.locator('.mine__answer').textContent()).toBe(ANSWER)
    await answered.getByRole('button', { name: '发送', exact: true }).click()
    await expect.poll(() => desk.locator('.bubble').last().textContent(), { timeout: 15_000 }).toContain(ANSWER)
    expect(await desk.locator('.bubble').last().textContent()).toContain('风险提示：理财非存款')
    await expect
      .poll(
        async () =>
          (
            await server.db.kysely
              .selectFrom('events')
              .select('id')
              .where('type', '=', 'reply_used')
              .where('ref_id', '=', `escalation:${escalation.id}`)
              .execute()
          ).length,
      )
      .toBe(1)
    await screenshot(desk, 'replies-desktop-sent-1280x800')

    await consolePage.getByRole('button', { name: '加入话术库（草稿）' }).click()
    await consolePage.locator('.panel__link').waitFor()
    const draft = await server.db.kysely
      .selectFrom('qa_items')
      .selectAll()
      .where('source_escalation_id', '=', escalation.id)
      .executeTakeFirstOrThrow()
    expect(draft).toMatchObject({ status: 'draft', question: NO_FIT, answer: ANSWER, topic: 'wealth' })
    await screenshot(consolePage, 'console-escalation-promoted-1280x800')
    await consolePage.locator('.panel__link').click()
    await consolePage.locator(`.qa__table tr[data-id="${draft.id}"]`).waitFor()
    await consolePage.locator('.qa__panel').waitFor()
    await screenshot(consolePage, 'console-qa-library-1280x800')

    expect(deskErrors).toEqual([])
    expect(consoleErrors).toEqual([])
    await consoleContext.close()
    await desk.close()
  })

  it('when the sidebar is phone-sized, then suggestions for a library question fit 360 px', async () => {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    const desk = await context.newPage()
    await desk.goto(`${server.baseUrl}/simulator?user=${subject.staffUserid}&contact=${subject.externalUserId}`)
    const frame = await sidebarFrame(desk)
    await frame.getByRole('tab', { name: '话术' }).waitFor({ timeout: 30_000 })
    const page = await context.newPage()
    await page.goto(frame.url())
    await page.getByRole('tab', { name: '话术' }).click({ timeout: 30_000 })
    await page.getByPlaceholder('粘贴或输入客户的问题，答案会自动出现').fill('我昨天卖的基金钱怎么还没到账')
    await page.locator('.suggestion').first().waitFor({ timeout: 15_000 })
    expect(await page.locator('.suggestion__question').first().textContent()).toBe('基金赎回多久到账？')
    await screenshot(page, 'sidebar-replies-suggestions-360x720')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.locator('.mine').scrollIntoViewIfNeeded()
    await screenshot(page, 'sidebar-replies-escalations-360x720')
    await page.locator('.replies__tools .van-button', { hasText: '问中台' }).click()
    await page.getByRole('button', { name: '提交给中台' }).waitFor()
    // Let the sheet finish sliding up before the picture.
    await page.waitForTimeout(500)
    await screenshot(page, 'sidebar-replies-ask-360x720')
    await context.close()
  })
})
