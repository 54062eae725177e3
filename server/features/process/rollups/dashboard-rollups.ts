import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks, groupBy } from '../../../lib/collections.js'
import { BURST_SIZE, BURST_WINDOW_MS } from '../../contacts/index.js'
import { countCoverage, SEGMENTS } from '../dashboard/coverage.js'
import { judgeRelations, type RelationToJudge } from '../dashboard/eligibility.js'
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
  const marks = await trx
    .selectFrom('rollup_dirty')
    .select(['kind', 'key', 'seq'])
    .$if(!!after, (q) => q.where(sql<boolean>`(kind, key) > (${after!.kind}, ${after!.key})`))
    .orderBy('kind')
    .orderBy('key')
    .limit(size)
    .execute()
  if (!marks.length) return { marks: 0, relations: 0, owners: 0 }
  const keysOf = (kind: string) => marks.filter((m) => m.kind === kind).map((m) => m.key)

  // A contact reaches every identity bound to the same customer (first add is judged over all of them).
  const cifs = new Set(keysOf('customer'))
  for (const c of chunks(keysOf('contact'))) {
    for (const b of await trx.selectFrom('bindings').select('cif_no').where('external_userid', 'in', c).execute())
      cifs.add(b.cif_no)
  }
  const contacts = new Set(keysOf('contact'))
  const owners = new Set<string>()
  for (const c of chunks([...cifs])) {
    for (const b of await trx.selectFrom('bindings').select('external_userid').where('cif_no', 'in', c).execute())
      contacts.add(b.external_userid)
    for (const o of await trx
      .selectFrom('customers')
      .select('owner_staff_id')
      .where('cif_no', 'in', c)
      .where('owner_staff_id', 'is not', null)
      .execute())
      owners.add(o.owner_staff_id!)
  }
  // Their coverage is recounted as owner marks, once per owner however many of their customers changed.
  for (const part of chunks([...owners])) {
    await trx
      .insertInto('rollup_dirty')
      .values(part.map((key) => ({ kind: 'owner' as const, key })))
      .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ seq: sql`rollup_dirty.seq + 1` }))
      .execute()
  }

  const relations = new Map<number, RelationToJudge>()
  const columns = ['id', 'staff_userid', 'external_userid', 'add_time', 'type', 'corp_name', 'added_by'] as const
  for (const c of chunks([...contacts])) {
    for (const r of await trx.selectFrom('wecom_contacts').select(columns).where('external_userid', 'in', c).execute())
      relations.set(Number(r.id), r)
  }
  // A relation removed outright (erasure) takes its verdict with it, or it would count on as an add.
  for (const c of chunks([...contacts])) {
    let gone = trx.deleteFrom('add_verdicts').where('external_userid', 'in', c)
    const live = [...relations.values()].filter((r) => c.includes(r.external_userid)).map((r) => Number(r.id))
    if (live.length) gone = gone.where('relation_id', 'not in', live)
    await gone.execute()
  }
  const verdicts = await judgeRelations(trx, [...relations.values()])
  for (const part of chunks(verdicts, 200)) {
    await trx
      .insertInto('add_verdicts')
      .values(part)
      .onConflict((oc) =>
        oc.column('relation_id').doUpdateSet((eb) =>
          Object.fromEntries(
            Object.keys(part[0]!)
              .filter((k) => k !== 'relation_id')
              .map((k) => [k, eb.ref(`excluded.${k}` as never)]),
          ),
        ),
      )
      .execute()
  }

  const windows = await recountBursts(trx, keysOf('window'))

  const coverage = await countCoverage(trx, keysOf('owner'))
  for (const part of chunks(coverage, 200)) {
    await trx
      .insertInto('staff_coverage')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['staff_id', 'segment']).doUpdateSet({ owned: sql`excluded.owned`, covered: sql`excluded.covered` }),
      )
      .execute()
  }

  // A mark whose seq moved meanwhile is a newer change: it stays for the next batch.
  for (const part of chunks(marks, 300)) {
    const judged = sql.join(part.map((m) => sql`(${m.kind}, ${m.key}, cast(${m.seq} as integer))`))
    await sql`delete from rollup_dirty where (kind, key, seq) in (values ${judged})`.execute(trx)
  }
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
      const adds = await trx
        .selectFrom('wecom_contacts')
        .select('add_time')
        .where('staff_userid', '=', staff)
        .where('added_by', 'is', null)
        .where('add_time', '>=', iso(from - BURST_WINDOW_MS))
        .where('add_time', '<=', iso(to + BURST_WINDOW_MS))
        .execute()
      const times = adds.map((a) => Date.parse(a.add_time)).sort((a, b) => a - b)
      const stored = await trx
        .selectFrom('add_verdicts')
        .select(['relation_id', 'add_time', 'burst'])
        .where('staff_userid', '=', staff)
        // Inherited relations (继承) keep burst 0 (eligibility.ts); only the member's own adds turn. A verdict keeps
        // its relation's add time, so the span bounds both: not every relation of the member (55,000 at full scale).
        .where('relation_id', 'not in', (eb) =>
          eb
            .selectFrom('wecom_contacts')
            .select('id')
            .where('staff_userid', '=', staff)
            .where('added_by', 'is not', null)
            .where('add_time', '>=', iso(from))
            .where('add_time', '<=', iso(to)),
        )
        .where('add_time', '>=', iso(from))
        .where('add_time', '<=', iso(to))
        .execute()
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
        for (const part of chunks(ids))
          await trx.updateTable('add_verdicts').set({ burst }).where('relation_id', 'in', part).execute()
        rewritten += ids.length
      }
    }
  }
  return rewritten
}

/** Judges every relation and recounts every owner again (`npm run sync -- --rebuild`). */
export async function rebuildDashboardRollups(db: Kysely<Database>): Promise<RefreshOutcome> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('add_verdicts').execute()
    await trx.deleteFrom('staff_coverage').execute()
    await markEverythingDirty(trx)
  })
  return refreshDashboardRollups(db)
}
