import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../../server/features/events/index.js'
import { recomputeRollups, refreshRollups } from '../../../server/features/process/rollups/rollups.service.js'
import type { Delta } from '../../../server/features/process/rollups/metrics.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

const TYPES = [
  'contact_added',
  'contact_deleted',
  'verify_link_sent',
  'verify_opened',
  'verified',
  'content_sent',
  'content_opened',
  'content_inquiry',
  'reply_used',
  'escalation_created',
  'escalation_answered',
  'task_completed',
  'unknown_kind',
] as const

const eventArb = fc.record({
  type: fc.constantFrom(...TYPES),
  staff: fc.constantFrom('alice', 'bob', 'carol', null),
  // Around Beijing midnight on purpose: the day boundary is at 16:00 UTC.
  at: fc.integer({ min: Date.parse('2026-10-30T12:00:00Z'), max: Date.parse('2026-11-02T20:00:00Z') }),
  dedupe: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  by: fc.constantFrom('customer', 'staff'),
  root: fc.integer({ min: 1, max: 4 }),
  minutes: fc.integer({ min: 0, max: 600 }),
  refreshAfter: fc.boolean(),
})

async function snapshot(t: TestDb): Promise<Map<string, Delta>> {
  const db = t.db.kysely
  const out = new Map<string, Delta>()
  for (const r of await db.selectFrom('staff_daily').selectAll().execute())
    out.set(`staff_daily\u0000${r.staff_userid}\u0000${r.day}\u0000${r.metric}`, {
      table: 'staff_daily',
      key: r.staff_userid,
      day: r.day,
      metric: r.metric,
      n: Number(r.n),
    })
  for (const r of await db.selectFrom('ref_daily').selectAll().execute())
    out.set(`ref_daily\u0000${r.ref_id}\u0000${r.day}\u0000${r.metric}`, {
      table: 'ref_daily',
      key: r.ref_id,
      day: r.day,
      metric: r.metric,
      n: Number(r.n),
    })
  return out
}

describe('rollups', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when random events (with re-deliveries) are folded in incrementally, in batches and concurrently, then the rollups equal a from-scratch recomputation', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        async (events, batchSize) => {
          run++
          const db = t.db.kysely
          await db.deleteFrom('events').execute()
          await db.deleteFrom('staff_daily').execute()
          await db.deleteFrom('ref_daily').execute()
          for (const e of events) {
            await appendEvent(db, {
              type: e.type,
              staffUserid: e.staff,
              externalUserid: 'wmX',
              refId: e.type === 'reply_used' ? `qa:${e.root}` : `task:${e.root}`,
              occurredAt: new Date(e.at),
              source: 'sidebar',
              dedupeKey: e.dedupe === undefined ? undefined : `p${run}:${e.dedupe}`,
              payload: { by: e.by, rootId: e.root, minutesToAnswer: e.minutes },
            })
            if (e.refreshAfter)
              await Promise.all([refreshRollups(db, { batchSize }), refreshRollups(db, { batchSize })])
          }
          await refreshRollups(db, { batchSize })
          expect(await snapshot(t)).toEqual(await recomputeRollups(db))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('when every event is already rolled up, then a refresh applies nothing and changes nothing', async () => {
    const db = t.db.kysely
    await appendEvent(db, {
      type: 'verified',
      staffUserid: 'dave',
      externalUserid: 'wmY',
      occurredAt: new Date('2026-11-01T02:00:00Z'),
      source: 'sidebar',
    })
    await refreshRollups(db)
    const before = await snapshot(t)
    expect(await refreshRollups(db)).toBe(0)
    expect(await snapshot(t)).toEqual(before)
    expect(before.get('staff_daily\u0000dave\u00002026-11-01\u0000verified')?.n).toBe(1)
  })
})
