import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { suggestReplies } from '../../../server/features/replies/suggestions.service.js'
import { seedQaLibrary } from '../../../server/features/seed/qa-library.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { SEARCH_QUESTIONS, UNANSWERABLE } from './search-questions.js'

const TARGET_TOP3 = 0.8

describe(`Q&A search quality (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp
  let idsByKey: Map<string, number>
  beforeAll(async () => {
    t = await startTestApp()
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'head' })
    const author = await insertStaff(db, branch.id, 'middle')
    const reviewer = await insertStaff(db, branch.id, 'middle', { reviewer: 1 })
    idsByKey = await db
      .transaction()
      .execute((trx) => seedQaLibrary(trx, { authorStaffId: author.id, reviewerStaffId: reviewer.id, now: new Date() }))
  })
  afterAll(async () => {
    await t.close()
  })

  it(`when ${SEARCH_QUESTIONS.length} differently worded customer questions are asked, then the expected answer is in the top 3 for at least ${TARGET_TOP3 * 100}%`, async () => {
    expect(SEARCH_QUESTIONS.length).toBeGreaterThanOrEqual(40)
    let top1 = 0
    let top3 = 0
    const misses: string[] = []
    for (const { q, expected } of SEARCH_QUESTIONS) {
      const ids = (await suggestReplies(t.ctx, q, { topics: [] })).map((s) => s.id)
      const rank = ids.indexOf(idsByKey.get(expected)!)
      if (rank === 0) top1++
      if (rank >= 0 && rank < 3) top3++
      else misses.push(`${q} → expected ${expected}, rank ${rank < 0 ? 'none' : rank + 1}`)
    }
    const n = SEARCH_QUESTIONS.length
    console.log(
      `[${t.ctx.db.dialect}] top-1 ${top1}/${n} = ${((top1 / n) * 100).toFixed(1)}%, top-3 ${top3}/${n} = ${((top3 / n) * 100).toFixed(1)}%`,
    )
    if (misses.length) console.log(`[${t.ctx.db.dialect}] outside the top 3:\n  ${misses.join('\n  ')}`)
    expect(top3 / n).toBeGreaterThanOrEqual(TARGET_TOP3)
  })

  it('when the question is outside the library, then nothing is suggested and the manager can ask 问中台', async () => {
    for (const q of UNANSWERABLE) expect(await suggestReplies(t.ctx, q, { topics: [] }), q).toEqual([])
  })
})
