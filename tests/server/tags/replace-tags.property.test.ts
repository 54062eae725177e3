import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replaceTagsOfRelations } from '../../../server/features/tags/tags.repository.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

const RELATIONS = [
  ['alice', 'wmA'],
  ['alice', 'wmB'],
  ['bob', 'wmA'],
] as const
const TAGS = ['etGold', 'etFund', 'etFx', 'etVip']

/** One report: some of the relations, each with the tag ids WeCom listed (duplicates included, as WeCom may). */
const reportArb = fc.uniqueArray(
  fc.record({
    relation: fc.integer({ min: 0, max: RELATIONS.length - 1 }),
    tagIds: fc.array(fc.constantFrom(...TAGS), { maxLength: 6 }),
  }),
  { selector: (r) => r.relation, maxLength: RELATIONS.length },
)

describe('replaceTagsOfRelations (the store behind the relation import and contact callbacks)', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('for any history of reports, each relation holds exactly the tags of its last report and the others keep theirs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportArb, { minLength: 1, maxLength: 6 }), async (history) => {
        const db = t.db.kysely
        await db.deleteFrom('contact_tags').execute()
        const expected = new Map<number, Set<string>>()
        for (const [i, report] of history.entries()) {
          const now = new Date(Date.UTC(2026, 10, 1, 0, i))
          await db.transaction().execute((trx) =>
            replaceTagsOfRelations(
              trx,
              report.map((r) => ({
                staffUserid: RELATIONS[r.relation]![0],
                externalUserid: RELATIONS[r.relation]![1],
                tagIds: r.tagIds,
              })),
              now,
            ),
          )
          for (const r of report) expected.set(r.relation, new Set(r.tagIds))
        }
        const rows = await db.selectFrom('contact_tags').select(['staff_userid', 'external_userid', 'tag_id']).execute()
        const stored = new Map<number, string[]>()
        for (const row of rows) {
          const i = RELATIONS.findIndex(([s, e]) => s === row.staff_userid && e === row.external_userid)
          stored.set(i, [...(stored.get(i) ?? []), row.tag_id])
        }
        for (const i of RELATIONS.keys())
          expect((stored.get(i) ?? []).sort()).toEqual([...(expected.get(i) ?? [])].sort())
      }),
      { numRuns: 60 },
    )
  })
})
