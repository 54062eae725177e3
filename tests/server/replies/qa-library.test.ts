import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findingsOf, SuggestionsBody } from '../support/responses.js'
import { readResponse, startTestApp, type TestApp } from '../support/test-app.js'
import { FUND_ENTRY, repliesBank } from './replies-bank.js'

async function upload(baseUrl: string, cookie: string, filename: string, body: string | Buffer) {
  const res = await fetch(`${baseUrl}/api/console/qa/import?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream', 'x-advisor-request': '1' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
  return readResponse(res)
}

describe('Q&A library in the console', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when an entry goes draft → review → approved by another reviewer, then it becomes suggestable; editing it creates version 2', async () => {
    const b = await repliesBank(t)
    const author = await b.as(b.author)
    const created = await author.request('POST', '/api/console/qa', { ...FUND_ENTRY, disclaimer: null })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ review: { status: 'draft', version: 1, authorName: '中台小李' }, live: false })
    const id = created.json.id

    const blocked = await author.request('POST', `/api/console/qa/${id}/submit`)
    expect(blocked.status).toBe(422)
    expect(findingsOf(blocked).map((f) => f.code)).toEqual(['MISSING_DISCLAIMER'])
    await author.request('PUT', `/api/console/qa/${id}`, FUND_ENTRY)
    expect((await author.request('POST', `/api/console/qa/${id}/submit`)).json.item.review.status).toBe('in_review')

    const self = await author.request('POST', `/api/console/qa/${id}/approve`, { validUntil: '2099-12-31' })
    expect(self.status).toBe(403)
    expect(self.json.error.code).toBe('NOT_REVIEWER')
    const reviewer = await b.as(b.reviewer)
    const approved = await reviewer.request('POST', `/api/console/qa/${id}/approve`, { validUntil: '2099-12-31' })
    expect(approved.json).toMatchObject({ live: true, review: { status: 'approved', reviewerName: '合规老周' } })

    const manager = await b.as(b.manager)
    const found = await manager.request(
      'GET',
      `/api/replies/suggestions?q=${encodeURIComponent('基金卖出多久到账')}&externalUserId=${b.contact.external_userid}`,
    )
    expect(found.body(SuggestionsBody).suggestions.map((s) => s.id)).toContain(id)

    const v2 = await author.request('PUT', `/api/console/qa/${id}`, {
      ...FUND_ENTRY,
      answer: `${FUND_ENTRY.answer}节假日顺延。`,
    })
    expect(v2.json).toMatchObject({ review: { status: 'draft', version: 2, rootId: id } })
    expect(v2.json.id).not.toBe(id)
    const stillLive = await manager.request(
      'GET',
      `/api/replies/suggestions?q=${encodeURIComponent('基金卖出多久到账')}&externalUserId=${b.contact.external_userid}`,
    )
    expect(stillLive.body(SuggestionsBody).suggestions.map((s) => s.id)).toContain(id)

    const rejected = await reviewer.request('POST', `/api/console/qa/${v2.json.id}/reject`, { reason: '还未提交' })
    expect(rejected.json.error.code).toBe('INVALID_TRANSITION')
  })

  it('when a CSV has bad rows, then nothing is imported and every bad row is named; a clean CSV becomes drafts with compliance warnings', async () => {
    const b = await repliesBank(t)
    const author = await b.as(b.author)
    const before = Number(
      (
        await b.db
          .selectFrom('qa_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const bad =
      '\ufeff问题,相似问法,答案,风险提示,主题,标签\n' +
      '基金怎么买？,在哪买基金,手机银行理财频道购买。,基金有风险。,基金,开户\n' +
      '啊,,答案写在这里,,存款,\n' +
      '黄金怎么买？,,"积存金、金条都可以。",,股票,\n' +
      '基金怎么买？,,重复的问题。,基金有风险。,基金,\n'
    const res = await upload(t.baseUrl, author.cookie, '话术.csv', bad)
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('IMPORT_INVALID')
    expect(res.json.error.details.errors).toEqual([
      { row: 3, field: '问题', message: '问题至少 2 个字' },
      { row: 4, field: '主题', message: expect.any(String) },
      { row: 5, field: '问题', message: '与第 2 行问题重复' },
    ])
    const after = Number(
      (
        await b.db
          .selectFrom('qa_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(after).toBe(before)

    const missingColumn = await upload(t.baseUrl, author.cookie, 'x.csv', '问题,主题\n基金怎么买？,基金\n')
    expect(missingColumn.json.error.details.errors).toEqual([{ row: 1, field: '答案', message: '缺少「答案」列' }])

    const good =
      'question,answer,topic,tags,disclaimer\n' +
      '"大额存单\n起存多少？",个人大额存单 20 万元起存。,deposit,大额存单,\n' +
      '理财会亏吗？,理财产品不保本，净值会波动。,理财,,\n'
    const ok = await upload(t.baseUrl, author.cookie, 'lib.csv', good)
    expect(ok.status).toBe(201)
    expect(ok.json.created).toBe(2)
    expect(ok.json.warnings).toEqual([{ row: 3, field: '风险提示', message: expect.stringContaining('风险提示') }])
    const drafts = await b.db
      .selectFrom('qa_items')
      .select(['status', 'topic'])
      .where('author_staff_id', '=', b.author.id)
      .where('question', 'like', '%起存%')
      .execute()
    expect(drafts).toEqual([{ status: 'draft', topic: 'deposit' }])
  })

  it('when exported as CSV or XLSX, then the sheet has the columns that re-import, and an XLSX imports back', async () => {
    const b = await repliesBank(t)
    await b.publish(FUND_ENTRY)
    const author = await b.as(b.author)
    const csv = await fetch(`${t.baseUrl}/api/console/qa/export?format=csv`, { headers: { cookie: author.cookie } })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM Excel needs for Chinese
    const text = bytes.toString('utf8')
    expect(
      text.startsWith('\ufeff问题,相似问法,答案,风险提示,主题,标签,编号,版本,状态,审批编号,生效日期,截止日期\r\n'),
    ).toBe(true)
    expect(text).toContain('基金赎回多久到账？,卖出基金钱什么时候到')

    const xlsx = await fetch(`${t.baseUrl}/api/console/qa/export?format=xlsx`, { headers: { cookie: author.cookie } })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('话术库')!
    expect(sheet.getRow(1).getCell(1).value).toBe('问题')
    // A sheet the middle office keeps: the exported header, their own rows.
    const theirs = new ExcelJS.Workbook()
    theirs
      .addWorksheet('Sheet1')
      .addRows(
        [
          sheet.getRow(1).values as string[],
          [undefined, '外币存款利息高吗？', '', '外币存款利率以公布为准。', '汇率波动可能带来损失。', '外汇', '外币'],
        ].map((r) => r.slice(1)),
      )
    const back = await upload(t.baseUrl, author.cookie, '话术.xlsx', Buffer.from(await theirs.xlsx.writeBuffer()))
    expect(back.status).toBe(201)
    expect(back.json.created).toBe(1)
  })
})
