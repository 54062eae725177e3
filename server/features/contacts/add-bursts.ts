import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { chunks } from '../../lib/collections.js'
import { BURST_WINDOW_MS } from './attribution-rules.js'
import { countAddsInWindow, countAddsInWindows } from './attribution.repository.js'

/** The ±30-minute window around an add time. */
function windowAround(addTime: string): { from: string; to: string } {
  const t = Date.parse(addTime)
  return { from: new Date(t - BURST_WINDOW_MS).toISOString(), to: new Date(t + BURST_WINDOW_MS).toISOString() }
}

/** Adds by the same member within ±30 minutes of `addTime`, itself included (the 短时集中添加 count). */
export async function addsAround(db: Kysely<Database>, staffUserid: string, addTime: string): Promise<number> {
  const { from, to } = windowAround(addTime)
  return countAddsInWindow(db, staffUserid, from, to)
}

/** Moments judged per statement by addsAroundEach: four bound values each. */
const MOMENTS_PER_STATEMENT = 250

/**
 * addsAround for many (member, add time) pairs, in their order, a statement per 250 pairs instead of one each:
 * what judging a bulk load's relations needs. The same count as addsAround, by the same index.
 */
export async function addsAroundEach(
  db: Kysely<Database>,
  moments: readonly { staffUserid: string; addTime: string }[],
): Promise<number[]> {
  const counts: number[] = []
  for (const part of chunks(moments, MOMENTS_PER_STATEMENT))
    counts.push(
      ...(await countAddsInWindows(
        db,
        part.map((m) => ({ staffUserid: m.staffUserid, ...windowAround(m.addTime) })),
      )),
    )
  return counts
}
