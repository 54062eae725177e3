import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks, groupBy } from '../../../lib/collections.js'
import { BURST_SIZE, BURST_WINDOW_MS } from '../../contacts/index.js'
import { countCoverage, SEGMENTS } from '../dashboard/coverage.js'
import { judgeRelations, type RelationToJudge } from '../dashboard/eligibility.js'
import {
  cifsBoundTo,
  clearDashboardRollups,
  contactsBoundTo,
  deleteJudgedMarks,
  deleteVerdictsExcept,
  markOwnersDirty,
  nextDirtyMarks,
  ownAddTimesBetween,
  ownBurstFlagsBetween,
  ownersOfCustomers,
  relationsOfContacts,
  setBurstFlag,
  upsertCoverage,
  upsertVerdicts,
} from './dashboard-rollups.repository.js'
import { markEverythingDirty } from './rollup-triggers.repository.js'
import { isSqliteBusy } from './rollups.service.js'

const MARKS_PER_BATCH = 1000

export interface RefreshOutcome {
  marks: number
  relations: number
  owners: number
  pending: boolean
}

/**
 * Works off the marks the triggers of migration 015 leave in `rollup_dirty`: re-judges the relations a
 * change can reach and recounts the coverage of the owners it can reach, a batch of marks per transaction.
 * `pending` is true when `maxBatches` stopped it with marks left (the scheduler does the rest).
 */
export async function refreshDashboardRollups(
  db: Kysely<Database>,
  opts: { maxBatches?: number; marksPerBatch?: number } = {},
): Promise<RefreshOutcome> {
  const size = opts.marksPerBatch ?? MARKS_PER_BATCH
  const total: RefreshOutcome = { marks: 0, relations: 0, owners: 0, pending: false }
  // Inside a caller's transaction (the seed) the batches join it, and each reads on from the last mark of the one
  // before: PostgreSQL cannot prune the index entries of marks deleted earlier in the same transaction, so reading
  // from the start would step over all of them every batch (quadratic in the marks). Otherwise each batch is its
  // own transaction and reads from the start, where a mark another instance writes meanwhile may lie.
  const insideCaller = db.isTransaction
  let after: MarkCursor | undefined
  for (let batch = 0; ; batch++) {
    if (batch >= (opts.maxBatches ?? Infinity)) return { ...total, pending: true }
    let done: BatchOutcome
    try {
      done = insideCaller
        ? await applyBatch(db, size, after)
        : await db.transaction().execute((trx) => applyBatch(trx, size))
    } catch (err) {
      // Another instance holds the write lock: it is doing this work; the marks stay for the next call.
      if (isSqliteBusy(err)) return { ...total, pending: true }
      throw err
    }
    total.marks += done.marks
    total.relations += done.relations
    total.owners += done.owners
    if (done.last && insideCaller) after = done.last
    // At the end of the marks after a cursor: once more from the start, for the marks left behind it (an owner
    // mark whose seq a later contact of the same batch moved stays, and sorts before the cursor).
    else if (after) after = undefined
    // A batch of contacts leaves owner marks behind it: done only when a batch from the start finds nothing.
    else if (done.marks === 0) return total
  }
}

interface MarkCursor {
  kind: string
  key: string
}

type BatchOutcome = Omit<RefreshOutcome, 'pending'> & { last?: MarkCursor }

async function applyBatch(trx: Kysely<Database>, size: number, after?: MarkCursor): Promise<BatchOutcome> {
  const marks = await nextDirtyMarks(trx, size, after)
  if (!marks.length) return { marks: 0, relations: 0, owners: 0 }
  const keysOf = (kind: string) => marks.filter((m) => m.kind === kind).map((m) => m.key)

  // A contact reaches every identity bound to the same customer (first add is judged over all of them).
  const cifs = new Set(keysOf('customer'))
  for (const c of chunks(keysOf('contact'))) for (const cif of await cifsBoundTo(trx, c)) cifs.add(cif)
  const contacts = new Set(keysOf('contact'))
  const owners = new Set<string>()
  for (const c of chunks([...cifs])) {
    for (const contact of await contactsBoundTo(trx, c)) contacts.add(contact)
    for (const owner of await ownersOfCustomers(trx, c)) owners.add(owner)
  }
  // Their coverage is recounted as owner marks, once per owner however many of their customers changed.
  for (const part of chunks([...owners])) await markOwnersDirty(trx, part)

  const relations = new Map<number, RelationToJudge>()
  for (const c of chunks([...contacts]))
    for (const r of await relationsOfContacts(trx, c)) relations.set(Number(r.id), r)
  // A relation removed outright (erasure) takes its verdict with it, or it would count on as an add.
  for (const c of chunks([...contacts])) {
    const live = [...relations.values()].filter((r) => c.includes(r.external_userid)).map((r) => Number(r.id))
    await deleteVerdictsExcept(trx, c, live)
  }
  const verdicts = await judgeRelations(trx, [...relations.values()])
  for (const part of chunks(verdicts, 200)) await upsertVerdicts(trx, part)

  const windows = await recountBursts(trx, keysOf('window'))

  const coverage = await countCoverage(trx, keysOf('owner'))
  for (const part of chunks(coverage, 200)) await upsertCoverage(trx, part)

  // A mark whose seq moved meanwhile is a newer change: it stays for the next batch.
  for (const part of chunks(marks, 300)) await deleteJudgedMarks(trx, part)
  const { kind, key } = marks[marks.length - 1]!
  return {
    marks: marks.length,
    relations: verdicts.length + windows,
    owners: coverage.length / SEGMENTS.length,
    last: { kind, key },
  }
}

/** Index of the first element of ascending `xs` that is ≥ `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let [lo, hi] = [0, xs.length]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * An add at (time, member) can turn the burst flag of the member's adds within the window around it. The
 * marked windows are merged per member, so a bulk load reads each member's adds once rather than once per add;
 * only flags that changed are written. Returns the adds whose flag was rewritten.
 */
async function recountBursts(trx: Kysely<Database>, windowKeys: readonly string[]): Promise<number> {
  // Keys are `${add_time} ${staff_userid}`; an ISO time has no space.
  const timesByStaff = groupBy(
    windowKeys,
    (key) => key.slice(key.indexOf(' ') + 1),
    (key) => Date.parse(key.slice(0, key.indexOf(' '))),
  )
  let rewritten = 0
  for (const [staff, marked] of timesByStaff) {
    marked.sort((a, b) => a - b)
    // Overlapping windows merge: [t − W, t + W] of every marked add.
    const spans: [number, number][] = []
    for (const t of marked) {
      const last = spans[spans.length - 1]
      if (last && t - BURST_WINDOW_MS <= last[1]) last[1] = t + BURST_WINDOW_MS
      else spans.push([t - BURST_WINDOW_MS, t + BURST_WINDOW_MS])
    }
    for (const [from, to] of spans) {
      const iso = (ms: number) => new Date(ms).toISOString()
      const addTimes = await ownAddTimesBetween(trx, staff, iso(from - BURST_WINDOW_MS), iso(to + BURST_WINDOW_MS))
      const times = addTimes.map((t) => Date.parse(t)).sort((a, b) => a - b)
      const stored = await ownBurstFlagsBetween(trx, staff, iso(from), iso(to))
      const turned = new Map<number, number[]>([
        [0, []],
        [1, []],
      ])
      for (const v of stored) {
        const t = Date.parse(v.add_time)
        const burst =
          lowerBound(times, t + BURST_WINDOW_MS + 1) - lowerBound(times, t - BURST_WINDOW_MS) >= BURST_SIZE ? 1 : 0
        if (burst !== Number(v.burst)) turned.get(burst)!.push(Number(v.relation_id))
      }
      for (const [burst, ids] of turned) {
        for (const part of chunks(ids)) await setBurstFlag(trx, part, burst)
        rewritten += ids.length
      }
    }
  }
  return rewritten
}

/** Judges every relation and recounts every owner again (`npm run sync -- --rebuild`). */
export async function rebuildDashboardRollups(db: Kysely<Database>): Promise<RefreshOutcome> {
  await db.transaction().execute(async (trx) => {
    await clearDashboardRollups(trx)
    await markEverythingDirty(trx)
  })
  return refreshDashboardRollups(db)
}
