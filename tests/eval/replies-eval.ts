/**
 * `npm run eval:replies`: seeds the demo Q&A library into a fresh database (SQLite, or PostgreSQL when
 * EVAL_DATABASE_URL or TEST_DATABASE_URL is set), asks the real suggestion service every question of
 * replies-eval.json with and without CRM context, prints the figures per half and fails when the
 * held-out half misses its budget.
 */
import fs from 'node:fs'
import type { QaTopic } from '../../server/contracts/replies.js'
import { suggestReplies } from '../../server/features/replies/suggestions.service.js'
import { seedQaLibrary } from '../../server/features/seed/qa-library.js'
import type { AppContext } from '../../server/lib/context.js'
import { insertBranch, insertStaff } from '../server/support/factories.js'
import { createTestDb } from '../server/support/test-db.js'
import { figures, missSeverity, type EvalQuestion, type EvalResult, type Figures } from './replies-metrics.js'

const HIT3_BUDGET = 0.85
const WRONG_TOPIC_BUDGET = 0.05
// Customer profiles as contact-context.ts derives them: a wealth client holding gold and funds, a payroll
// client, a private-banking client. Each question is asked once per profile.
const PROFILES: readonly (readonly QaTopic[])[] = [
  ['gold', 'fund', 'wealth'],
  ['deposit', 'loan'],
  ['wealth', 'insurance'],
]

if (process.env.EVAL_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.EVAL_DATABASE_URL
const questions = JSON.parse(fs.readFileSync(new URL('./replies-eval.json', import.meta.url), 'utf8')) as EvalQuestion[]

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6)
const row = (label: string, f: Figures) =>
  `${label.padEnd(26)} n=${String(f.n).padStart(3)}  hit@1 ${pct(f.hit1)}  hit@3 ${pct(f.hit3)}  wrong-topic@1 ${pct(f.wrongTopic1)}  empty ${pct(f.empty)}  shown-for-unanswerable ${pct(f.shownUnanswerable)}`

async function main() {
  const started = performance.now()
  const testDb = await createTestDb()
  try {
    const db = testDb.db.kysely
    const now = new Date()
    const ctx = { db: testDb.db, now: () => now } as AppContext
    const branch = await insertBranch(db, { level: 'head' })
    const author = await insertStaff(db, branch.id, 'middle')
    const reviewer = await insertStaff(db, branch.id, 'middle', { reviewer: 1 })
    const ids = await db
      .transaction()
      .execute((trx) => seedQaLibrary(trx, { authorStaffId: author.id, reviewerStaffId: reviewer.id, now }))
    const keyOf = new Map([...ids].map(([key, id]) => [id, key]))
    const ask = async (q: string, topics: readonly QaTopic[]) =>
      (await suggestReplies(ctx, q, { topics: [...topics] })).map((s) => keyOf.get(s.id) ?? `#${s.id}`)

    const plain: EvalResult[] = []
    const withContext: EvalResult[] = []
    for (const question of questions) {
      plain.push({ question, shown: await ask(question.q, []) })
      for (const topics of PROFILES) withContext.push({ question, shown: await ask(question.q, topics) })
    }
    const half = (rs: EvalResult[], split: string) => rs.filter((r) => r.question.split === split)
    console.log(`Q&A library: ${ids.size} entries · ${questions.length} questions · ${testDb.db.dialect}`)
    for (const split of ['tuning', 'heldout']) {
      console.log(row(`${split} · no context`, figures(half(plain, split))))
      console.log(row(`${split} · CRM context ×${PROFILES.length}`, figures(half(withContext, split))))
    }
    const worst = [...plain, ...withContext]
      .filter((r) => missSeverity(r) >= 1)
      .sort((a, b) => missSeverity(b) - missSeverity(a) || a.question.id.localeCompare(b.question.id))
    const seen = new Set<string>()
    console.log(
      '\nWorst misses (severity: 3 wrong-topic first, 2.5 answer shown for an out-of-library question, 2 no answer in top 3, 1 nothing shown):',
    )
    for (const r of worst) {
      if (seen.has(r.question.id) || seen.size >= 10) continue
      seen.add(r.question.id)
      console.log(
        `  [${missSeverity(r)}] ${r.question.id} (${r.question.split}) ${r.question.q} → want ${r.question.answers.join('/') || '问中台'}; got ${r.shown.slice(0, 3).join(', ') || '—'}`,
      )
    }
    const held = [figures(half(plain, 'heldout')), figures(half(withContext, 'heldout'))]
    const failed = held.some((f) => f.hit3 < HIT3_BUDGET || f.wrongTopic1 > WRONG_TOPIC_BUDGET)
    console.log(
      `\n${((performance.now() - started) / 1000).toFixed(1)} s · held-out budget (hit@3 ≥ 85%, wrong-topic@1 ≤ 5%): ${failed ? 'FAILED' : 'met'}`,
    )
    process.exitCode = failed ? 1 : 0
  } finally {
    await testDb.drop()
  }
}

await main()
