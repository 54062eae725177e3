import { sql, type Kysely } from 'kysely'
import type { Db } from '../../server/db/connect.js'
import type { Database } from '../../server/db/database.js'
import { secondaryIndexes } from '../../server/features/seed/bulk-load.repository.js'

/**
 * The seed generator yields about 0.25 relations and 0.35 events per customer, 64 Q&A items and 17
 * content items; the issue's bank has more of each. The difference is made up here by copying seeded
 * rows in bulk (INSERT … SELECT, one statement per round) with fresh keys, so the seed's own output
 * stays as it is. Copies keep their originals' staff, contacts and days, so every query plan and
 * every rollup row stays realistic.
 */
interface CopySpec {
  table: keyof Database & string
  /** Columns copied as they are. */
  same: string[]
  /** Columns rewritten per round; `k` is the round number. */
  changed: Record<string, (k: number) => string>
  /** Picks original rows only, given the state before the first round. */
  originals: { column: string; op: '<=' }
  /** Drop the secondary indexes for the copy and build them after, as a bulk load does (events: 10 M rows). */
  buildIndexesAfter?: boolean
}

const TOPUPS = {
  relations: {
    table: 'wecom_contacts',
    same: [
      'staff_userid',
      'name',
      'avatar',
      'type',
      'corp_name',
      'gender',
      'add_time',
      'add_way',
      'state',
      'remark',
      'deleted_at',
      'deleted_by',
      'updated_at',
    ],
    changed: { external_userid: (k) => `external_userid || 'b${k}'` },
    originals: { column: 'id', op: '<=' },
  },
  // Copies are marked rolled up: the rollup tables keep the same staff × day rows, and the
  // dashboard's per-request catch-up does not spend the measurement folding in nine million rows.
  events: {
    table: 'events',
    same: ['type', 'staff_userid', 'external_userid', 'ref_id', 'occurred_at', 'source', 'payload'],
    changed: { dedupe_key: (k) => `dedupe_key || ':b${k}'`, rolled_up: () => '1' },
    originals: { column: 'id', op: '<=' },
    buildIndexesAfter: true,
  },
  qa: {
    table: 'qa_items',
    same: [
      'question',
      'alternatives',
      'answer',
      'disclaimer',
      'topic',
      'tags',
      'source_escalation_id',
      'search_question',
      'search_answer',
      'status',
      'author_staff_id',
      'reviewer_staff_id',
      'submitted_at',
      'approved_at',
      'valid_from',
      'valid_until',
      'version',
      'root_id',
      'rejection_reason',
      'retired_at',
      'retired_reason',
      'created_at',
      'updated_at',
    ],
    changed: { approval_no: (k) => `approval_no || '-b${k}'` },
    originals: { column: 'id', op: '<=' },
  },
  content: {
    table: 'content_items',
    same: [
      'kind',
      'title',
      'body',
      'link',
      'topic',
      'segments',
      'min_risk_level',
      'disclaimer',
      'tags',
      'chart_symbol',
      'chart_window_days',
      'image_base64',
      'image_mime',
      'status',
      'author_staff_id',
      'reviewer_staff_id',
      'submitted_at',
      'approved_at',
      'valid_from',
      'valid_until',
      'version',
      'root_id',
      'rejection_reason',
      'retired_at',
      'retired_reason',
      'created_at',
      'updated_at',
    ],
    changed: { approval_no: (k) => `approval_no || '-b${k}'` },
    originals: { column: 'id', op: '<=' },
  },
  sends: {
    table: 'content_sends',
    same: [
      'item_id',
      'root_id',
      'staff_userid',
      'external_userid',
      'chat_id',
      'msgtype',
      'text',
      'edit_diff',
      'findings',
      'created_at',
      'sent_at',
    ],
    changed: { id: (k) => `id || '-b${k}'` },
    // Text ids: every copy is longer than every original.
    originals: { column: 'length(id)', op: '<=' },
  },
} satisfies Record<string, CopySpec>

export type TopupKind = keyof typeof TOPUPS
export const TOPUP_KINDS = Object.keys(TOPUPS) as TopupKind[]

const count = async (db: Kysely<Database>, table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n)

/** Copies rows of one table until it holds `target` rows; returns rows added. */
export async function topUp(database: Db, kind: TopupKind, target: number): Promise<number> {
  const db = database.kysely
  const spec: CopySpec = TOPUPS[kind]
  const before = await count(db, spec.table)
  if (before === 0 || before >= target) return 0
  const bound = Number(
    (
      await sql<{
        m: number
      }>`select max(${sql.raw(spec.originals.column)}) as m from ${sql.table(spec.table)}`.execute(db)
    ).rows[0]!.m,
  )
  const indexes = spec.buildIndexesAfter ? await secondaryIndexes(db, database.dialect, spec.table) : []
  for (const index of indexes) await sql`drop index ${sql.ref(index.name)}`.execute(db)
  try {
    await copyRows(db, spec, bound, before, target)
  } finally {
    for (const index of indexes) await sql.raw(index.sql).execute(db)
  }
  // A copied Q&A or content item is its own first version, not a later version of the original.
  if (kind === 'qa' || kind === 'content') {
    await sql`update ${sql.table(spec.table)} set root_id = id where id > ${bound}`.execute(db)
  }
  return target - before
}

/** Rounds of `INSERT … SELECT` over the originals (rows up to `bound`) until the table holds `target` rows. */
async function copyRows(
  db: Kysely<Database>,
  spec: CopySpec,
  bound: number,
  before: number,
  target: number,
): Promise<void> {
  const columns = [...spec.same, ...Object.keys(spec.changed)]
  for (let k = 1, have = before; have < target; k++) {
    const take = Math.min(before, target - have)
    const exprs = [...spec.same, ...Object.values(spec.changed).map((f) => f(k))]
    await sql`insert into ${sql.table(spec.table)} (${sql.raw(columns.join(', '))})
      select ${sql.raw(exprs.join(', '))} from ${sql.table(spec.table)}
      where ${sql.raw(spec.originals.column)} <= ${bound} limit ${take}`.execute(db)
    have += take
  }
}
