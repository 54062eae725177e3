import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAIN_TEXT_EMPTY } from '../../../server/lib/plain-text.js'
import { approvedItem, boundContact, contentBank, fundItem, signIn, type Bank } from '../content/content-fixtures.js'
import { FUND_ENTRY, repliesBank } from '../replies/replies-bank.js'
import { client, readResponse, startTestApp, type TestApp } from '../support/test-app.js'

// What the middle office might paste from a web page or a hostile one might type.
const HOSTILE = '<img src=x onerror=alert(1)>'
const html = (text: string) => `<p onclick="steal()">${text}</p><script>alert(document.cookie)</script>${HOSTILE}`

describe('HTML in authored text: stripped on write, inert on render', () => {
  let t: TestApp
  let bank: Bank
  let dist: string
  beforeAll(async () => {
    // A stand-in for the built front end: the page shell `/c/:sendId` is served from.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-dist-'))
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><html><head><title>企微顾问台</title></head><body><div id="app"></div><script type="module" src="/assets/index.js"></script></body></html>',
    )
    t = await startTestApp({}, { distDir: dist })
    bank = await contentBank(t)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dist, { recursive: true, force: true })
  })

  it('when the middle office saves a content draft with HTML, then title, body, disclaimer and tags are stored as the plain text', async () => {
    const author = await signIn(t, bank.author.wecom_userid)
    const created = await author.request('POST', '/api/content/items', {
      ...fundItem,
      title: html('基金展望'),
      body: html(fundItem.body),
      disclaimer: `<b>${fundItem.disclaimer}</b>`,
      tags: ['<i>基金偏好</i>'],
    })
    expect(created.status).toBe(201)
    const row = await bank.db
      .selectFrom('content_items')
      .selectAll()
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow()
    expect({ title: row.title, body: row.body, disclaimer: row.disclaimer, tags: JSON.parse(row.tags) }).toEqual({
      title: '基金展望',
      body: fundItem.body,
      disclaimer: fundItem.disclaimer,
      tags: ['基金偏好'],
    })

    const edited = await author.request('PUT', `/api/content/items/${created.json.id}`, {
      ...fundItem,
      body: `第一段${HOSTILE}\r\n<div>第二段</div>`,
    })
    expect(edited.status).toBe(200)
    expect((await author.request('GET', `/api/content/items/${created.json.id}`)).json.item.body).toBe('第一段\n第二段')
  })

  it('when a required field is nothing but markup, then 400 in the usual envelope says so in Chinese, and nothing is stored', async () => {
    const author = await signIn(t, bank.author.wecom_userid)
    const before = await bank.db.selectFrom('content_items').select('id').execute()
    const res = await author.request('POST', '/api/content/items', {
      ...fundItem,
      title: `${HOSTILE}<script>x()</script>`,
    })
    expect(res.status).toBe(400)
    expect(res.json.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: `参数 title 不正确：${PLAIN_TEXT_EMPTY}`,
      details: { fields: [{ path: 'title', message: PLAIN_TEXT_EMPTY }] },
    })
    expect(await bank.db.selectFrom('content_items').select('id').execute()).toHaveLength(before.length)
  })

  it('when a Q&A draft is saved or imported with HTML, then every text field is stored stripped; a row left empty is refused by name', async () => {
    const b = await repliesBank(t)
    const author = await b.as(b.author)
    const created = await author.request('POST', '/api/console/qa', {
      ...FUND_ENTRY,
      question: html(FUND_ENTRY.question),
      alternatives: [`<b>${FUND_ENTRY.alternatives[0]}</b>`],
      answer: html(FUND_ENTRY.answer),
      disclaimer: `${FUND_ENTRY.disclaimer}<!-- x -->`,
      tags: ['<em>赎回</em>'],
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      question: FUND_ENTRY.question,
      alternatives: FUND_ENTRY.alternatives,
      answer: FUND_ENTRY.answer,
      disclaimer: FUND_ENTRY.disclaimer,
      tags: ['赎回'],
    })

    const upload = (csv: string) =>
      fetch(`${t.baseUrl}/api/console/qa/import?filename=qa.csv`, {
        method: 'POST',
        headers: { cookie: author.cookie, 'content-type': 'application/octet-stream', 'x-advisor-request': '1' },
        body: csv,
      })
    const imported = await upload(
      `问题,答案,主题\n"<b>理财到期怎么续</b>","<p>到期后资金回到活期账户，可重新购买。</p>${HOSTILE}",理财\n`,
    )
    expect(imported.status).toBe(201)
    const row = await b.db
      .selectFrom('qa_items')
      .selectAll()
      .where('question', '=', '理财到期怎么续')
      .executeTakeFirstOrThrow()
    expect(row.answer).toBe('到期后资金回到活期账户，可重新购买。')
    const refused = await readResponse(await upload(`问题,答案,主题\n"${HOSTILE}",正常的答案内容,理财\n`))
    expect(refused.status).toBe(422)
    expect(refused.error().details?.errors).toEqual([{ row: 2, field: '问题', message: PLAIN_TEXT_EMPTY }])
  })

  it('when a manager asks 问中台, the middle office answers and the manager sends an edited answer or content, all with HTML, then each is stored stripped', async () => {
    const b = await repliesBank(t)
    const manager = await b.as(b.manager)
    const asked = await manager.request('POST', '/api/replies/escalations', {
      externalUserId: b.contact.external_userid,
      question: html('养老基金怎么选？'),
      topic: 'fund',
      note: '<i>客户临近退休</i>',
    })
    expect(asked.status).toBe(201)
    const escalation = await b.db
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', asked.json.id)
      .executeTakeFirstOrThrow()
    expect({ question: escalation.question, note: escalation.note }).toEqual({
      question: '养老基金怎么选？',
      note: '客户临近退休',
    })

    const author = await b.as(b.author)
    await author.request('POST', `/api/console/escalations/${asked.json.id}/claim`)
    const answer = '临近退休的客户一般选目标年份离自己退休年份近的产品。'
    expect(
      (
        await author.request('POST', `/api/console/escalations/${asked.json.id}/answer`, {
          answer: html(answer),
          disclaimer: '<b>基金有风险，投资须谨慎。</b>',
        })
      ).status,
    ).toBe(200)
    expect(
      await b.db
        .selectFrom('escalations')
        .select(['answer', 'disclaimer'])
        .where('id', '=', asked.json.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ answer, disclaimer: '基金有风险，投资须谨慎。' })

    const prepared = await manager.request('POST', '/api/replies/uses', {
      escalationId: asked.json.id,
      externalUserId: b.contact.external_userid,
      text: `${answer}<br>${HOSTILE}`,
    })
    expect(prepared.status).toBe(201)
    expect(prepared.json.text).toBe(`${answer}\n风险提示：基金有风险，投资须谨慎。`)
    expect(
      (
        await b.db
          .selectFrom('reply_uses')
          .select('sent_text')
          .where('id', '=', prepared.json.id)
          .executeTakeFirstOrThrow()
      ).sent_text,
    ).toBe(prepared.json.text)

    const itemId = await approvedItem(t, bank, {
      kind: 'text',
      title: '存款提醒',
      body: '您好，您的定期存款即将到期。',
      topic: 'deposit',
    })
    const { contact } = await boundContact(t, bank)
    const seller = await signIn(t, bank.manager.wecom_userid)
    const send = await seller.request('POST', '/api/content/sends', {
      itemId,
      externalUserId: contact.external_userid,
      text: `李先生，<b>您好</b>${HOSTILE}，您的定期存款即将到期。`,
    })
    expect(send.status).toBe(201)
    expect(send.json.message).toEqual({ msgtype: 'text', text: { content: '李先生，您好，您的定期存款即将到期。' } })
    expect(
      (
        await bank.db
          .selectFrom('content_sends')
          .select('text')
          .where('id', '=', send.json.sendId)
          .executeTakeFirstOrThrow()
      ).text,
    ).toBe('李先生，您好，您的定期存款即将到期。')
  })

  it("when hostile HTML is in the database anyway (written around the API), then the customer's page gets it only as JSON data and the page shell never contains it", async () => {
    const itemId = await approvedItem(t, bank, { ...fundItem, title: '基金定投入门' })
    const hostile = {
      title: `<script>alert(1)</script>${HOSTILE}`,
      body: `正文${HOSTILE}<svg/onload=alert(2)>`,
      disclaimer: `<iframe src="javascript:alert(3)"></iframe>`,
    }
    await bank.db.updateTable('content_items').set(hostile).where('id', '=', itemId).execute()
    const { contact } = await boundContact(t, bank, { risk_level: 'R3' })
    const manager = await signIn(t, bank.manager.wecom_userid)
    const { sendId } = (
      await manager.request('POST', '/api/content/sends', { itemId, externalUserId: contact.external_userid })
    ).json
    expect((await manager.request('POST', `/api/content/sends/${sendId}/sent`)).status).toBe(204)

    const customer = client(t.baseUrl)
    const api = await customer.request('GET', `/api/public/content/${sendId}`)
    expect(api.status).toBe(200)
    // Data, not a document: JSON that the browser may not sniff as HTML; the page puts it in text nodes (tests/web).
    expect(api.headers.get('content-type')).toMatch(/^application\/json/)
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
    expect(api.json).toMatchObject(hostile)

    const page = await fetch(`${t.baseUrl}/c/${sendId}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const shell = await page.text()
    for (const needle of ['onerror', 'onload', 'alert(', 'javascript:', '正文']) expect(shell).not.toContain(needle)
    // Even markup that got into the page could not run: scripts only from our origin, no inline script.
    const csp = page.headers.get('content-security-policy')!
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).toContain("object-src 'none'")
  })
})
