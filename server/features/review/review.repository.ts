import type { Kysely } from 'kysely'
import type { ReviewInfo } from '../../contracts/review.js'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import type { ReviewColumns } from './review.table.js'

type Q = Kysely<Database>

export async function listAllowedHosts(db: Q): Promise<string[]> {
  return (await db.selectFrom('link_allowlist').select('host').orderBy('host').execute()).map((r) => r.host)
}

export async function addAllowedHost(db: Q, host: string, staffId: string, now: Date): Promise<void> {
  await db
    .insertInto('link_allowlist')
    .values({ host, created_by: staffId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('host').doNothing())
    .execute()
}

export async function removeAllowedHost(db: Q, host: string): Promise<void> {
  const result = await db.deleteFrom('link_allowlist').where('host', '=', host).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound('白名单域名')
}

/** Staff id → display name, for authors and reviewers in lists. */
export async function staffNames(db: Q, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))]
  if (!wanted.length) return new Map()
  const rows = await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The workflow block of a row as the API shows it. */
export function toReviewInfo(row: ReviewColumns & { id: number }, names: Map<string, string>): ReviewInfo {
  return {
    status: row.status,
    version: Number(row.version),
    rootId: Number(row.root_id ?? row.id),
    authorStaffId: row.author_staff_id,
    authorName: names.get(row.author_staff_id) ?? null,
    reviewerName: row.reviewer_staff_id ? (names.get(row.reviewer_staff_id) ?? null) : null,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    approvalNo: row.approval_no,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    rejectionReason: row.rejection_reason,
    retiredAt: row.retired_at,
    retiredReason: row.retired_reason,
    updatedAt: row.updated_at,
  }
}

/** A member's pending work in one library: items they may decide (reviewers only) and their own sent back. */
export async function libraryCounts(db: Q, table: 'content_items' | 'qa_items', me: string, reviewer: boolean) {
  const count = (status: 'in_review' | 'rejected', mine: boolean) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', status)
      .where('author_staff_id', mine ? '=' : '!=', me)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n))
  return { toReview: reviewer ? await count('in_review', false) : 0, rejectedMine: await count('rejected', true) }
}

/**
 * 问中台 questions nobody has taken yet. Read here rather than through replies, which sits above review in the
 * feature graph (it uses the workflow): the console menu only needs the number.
 */
export async function countOpenEscalations(db: Q): Promise<number> {
  const open = await db
    .selectFrom('escalations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow()
  return Number(open.n)
}
