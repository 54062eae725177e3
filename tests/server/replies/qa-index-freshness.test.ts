import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QaItemInput } from '../../../server/contracts/replies.js'
import { qaColumns } from '../../../server/features/replies/qa.repository.js'
import { invalidateQaIndex, LiveQaIndex } from '../../../server/features/replies/search/live-qa-index.js'
import type { QaIndex } from '../../../server/features/replies/search/qa-index.js'
import { searchTerms } from '../../../server/features/replies/search/tokenizer.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { DEPOSIT_ENTRY, FUND_ENTRY, repliesBank } from './replies-bank.js'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const GOLD_ENTRY: QaItemInput = {
  question: '积存金可以随时卖出吗？',
  alternatives: [],
  topic: 'gold',
  tags: ['积存金'],
  answer: '积存金在交易时间内可随时赎回，按赎回时的银行报价计算。',
  disclaimer: '黄金价格波动较大，投资须谨慎。',
}

const found = (index: QaIndex, question: string, now = new Date()) =>
  index.search(searchTerms(question), now, 30).map((c) => c.id)

describe('Q&A search index freshness', () => {
  let t: TestApp
  let bank: Awaited<ReturnType<typeof repliesBank>>
  let approvals = 0
  beforeAll(async () => {
    t = await startTestApp()
    bank = await repliesBank(t)
  })
  afterAll(async () => {
    await t.close()
  })

  /** An approval as another API instance on the same database makes it: no hook in this process runs. */
  async function approvedElsewhere(input: QaItemInput): Promise<number> {
    const at = new Date().toISOString()
    const row = await bank.db
      .insertInto('qa_items')
      .values({
        ...qaColumns(input),
        source_escalation_id: null,
        status: 'approved',
        author_staff_id: bank.author.id,
        reviewer_staff_id: bank.reviewer.id,
        approved_at: at,
        approval_no: `ZT-ELSEWHERE-${++approvals}`,
        valid_from: new Date(Date.now() - DAY_MS).toISOString(),
        valid_until: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return Number(row.id)
  }

  it('when this process approves or retires an entry, then the next search sees it without waiting for the TTL', async () => {
    const index = new LiveQaIndex(t.ctx.db, { clock: () => 0 }) // time stands still: only invalidation can refresh it
    await index.current()
    const fund = await bank.publish(FUND_ENTRY) // the workflow's approve, as the seed and tests use it
    expect(found(await index.current(), '基金卖了多久到账')).toContain(fund)

    const author = await bank.as(bank.author)
    const reviewer = await bank.as(bank.reviewer)
    const draft = (await author.request('POST', '/api/console/qa', DEPOSIT_ENTRY)).json.id
    await author.request('POST', `/api/console/qa/${draft}/submit`)
    expect(found(await index.current(), '定期存款提前取')).not.toContain(draft)
    expect(
      (await reviewer.request('POST', `/api/console/qa/${draft}/approve`, { validUntil: '2099-12-31' })).status,
    ).toBe(200)
    expect(found(await index.current(), '定期存款提前取')).toContain(draft)
    expect((await reviewer.request('POST', `/api/console/qa/${draft}/retire`, { reason: '产品已调整' })).status).toBe(
      200,
    )
    expect(found(await index.current(), '定期存款提前取')).not.toContain(draft)
  })

  it('when another instance approves or retires, then the index sees it once the TTL has passed, and an unchanged library is not rebuilt', async () => {
    let clock = 0
    const index = new LiveQaIndex(t.ctx.db, { ttlMs: 5_000, clock: () => clock })
    await index.current()
    const gold = await approvedElsewhere(GOLD_ENTRY)
    clock = 4_999
    expect(found(await index.current(), '积存金能随时卖吗')).not.toContain(gold)
    clock = 5_000
    expect(found(await index.current(), '积存金能随时卖吗')).toContain(gold)
    expect(index.builds).toBe(2)

    clock = 20_000
    await index.current()
    expect(index.builds).toBe(2) // the fingerprint matched: no rebuild

    await bank.db
      .updateTable('qa_items')
      .set({ status: 'retired', retired_at: new Date().toISOString() })
      .where('id', '=', gold)
      .execute()
    clock = 30_000
    expect(found(await index.current(), '积存金能随时卖吗')).not.toContain(gold)
    expect(index.builds).toBe(3)
  })

  it('when many searches arrive during a rebuild, then they share one, and one started before an invalidation is not reused', async () => {
    const index = new LiveQaIndex(t.ctx.db)
    const first = await Promise.all(Array.from({ length: 20 }, () => index.current()))
    expect(index.builds).toBe(1)
    expect(new Set(first).size).toBe(1)

    invalidateQaIndex()
    const again = await Promise.all(Array.from({ length: 20 }, () => index.current()))
    expect(index.builds).toBe(2)
    expect(new Set(again).size).toBe(1)

    invalidateQaIndex()
    const early = index.current()
    const gold = await approvedElsewhere({ ...GOLD_ENTRY, question: '积存金晚上可以买吗？' })
    invalidateQaIndex()
    const late = index.current()
    expect(found(await late, '积存金晚上买')).toContain(gold)
    await early
    expect(index.builds).toBe(4)
  })

  it('when an entry was suggested but is retired elsewhere or leaves its window, then it is not shown and cannot be sent', async () => {
    const manager = await bank.as(bank.manager)
    const ask = async () =>
      (
        await manager.request(
          'GET',
          `/api/replies/suggestions?q=${encodeURIComponent('积存金周末能卖吗')}&externalUserId=${bank.contact.external_userid}`,
        )
      ).json.suggestions.map((s: { id: number }) => s.id)
    const send = (qaItemId: number) =>
      manager.request('POST', '/api/replies/uses', {
        qaItemId,
        externalUserId: bank.contact.external_userid,
        text: GOLD_ENTRY.answer,
      })
    const retired = await approvedElsewhere({ ...GOLD_ENTRY, question: '积存金周末可以卖出吗？' })
    const expiring = await bank.publish(
      { ...GOLD_ENTRY, question: '积存金周末能赎回吗？' },
      { validUntil: new Date(Date.now() + HOUR_MS) },
    )
    expect(await ask()).toEqual(expect.arrayContaining([retired, expiring]))
    expect((await send(expiring)).status).toBe(201)

    // Retired by another instance: this process's index may still hold it for up to the TTL.
    await bank.db
      .updateTable('qa_items')
      .set({ status: 'retired', retired_at: new Date().toISOString() })
      .where('id', '=', retired)
      .execute()
    expect(await ask()).not.toContain(retired)
    const refused = await send(retired)
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('ANSWER_NOT_LIVE')

    // Past its valid_until (the app's clock moves; the index is not rebuilt for that).
    t.setNow(new Date(Date.now() + 2 * HOUR_MS))
    expect(await ask()).not.toContain(expiring)
    expect((await send(expiring)).json.error.code).toBe('ANSWER_NOT_LIVE')
    expect(
      await bank.db
        .selectFrom('reply_uses')
        .select('qa_item_id')
        .where('qa_item_id', 'in', [retired, expiring])
        .execute(),
    ).toEqual([{ qa_item_id: expiring }])
  })
})
