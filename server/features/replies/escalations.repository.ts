import type { Kysely, Selectable, Updateable } from 'kysely'
import type { ContactReplyContext, InboxEscalation, MyEscalation } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import { staffNames } from '../review/index.js'
import type { EscalationsTable } from './replies.table.js'

type Q = Kysely<Database>
export type EscalationRow = Selectable<EscalationsTable>

export async function findEscalation(db: Q, id: number): Promise<EscalationRow> {
  const row = await db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('问中台记录')
  return row
}

/** Sends of each escalation's answer: directly, and through the Q&A entry it was promoted into. */
export async function answerUses(db: Q, rows: readonly EscalationRow[]): Promise<Map<number, number>> {
  const uses = new Map<number, number>()
  const ids = rows.map((r) => Number(r.id))
  const roots = new Map(
    rows.filter((r) => r.promoted_qa_id !== null).map((r) => [Number(r.promoted_qa_id), Number(r.id)]),
  )
  if (!ids.length) return uses
  const sent = await db
    .selectFrom('reply_uses')
    .select(['escalation_id', 'qa_root_id'])
    .where('sent_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('escalation_id', 'in', ids), ...(roots.size ? [eb('qa_root_id', 'in', [...roots.keys()])] : [])]),
    )
    .execute()
  for (const s of sent) {
    const id = s.escalation_id !== null ? Number(s.escalation_id) : roots.get(Number(s.qa_root_id))
    if (id !== undefined) uses.set(id, (uses.get(id) ?? 0) + 1)
  }
  return uses
}

export async function toMyEscalations(db: Q, rows: readonly EscalationRow[]): Promise<MyEscalation[]> {
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.claimed_by, r.answered_by]),
  )
  const uses = await answerUses(
    db,
    rows.filter((r) => r.status === 'answered'),
  )
  return rows.map((r) => ({
    id: Number(r.id),
    question: r.question,
    topic: r.topic,
    urgency: r.urgency,
    status: r.status,
    createdAt: r.created_at,
    slaDueAt: r.sla_due_at,
    claimedByName: r.claimed_by ? (names.get(r.claimed_by) ?? null) : null,
    answer: r.answer,
    disclaimer: r.disclaimer,
    answeredAt: r.answered_at,
    answeredByName: r.answered_by ? (names.get(r.answered_by) ?? null) : null,
    used: (uses.get(Number(r.id)) ?? 0) > 0,
  }))
}

/** The middle office's view: who asked, from which branch, the contact context, SLA state and later use. */
export async function toInboxEscalations(db: Q, rows: readonly EscalationRow[], now: Date): Promise<InboxEscalation[]> {
  const mine = await toMyEscalations(db, rows)
  const askers = rows.length
    ? await db
        .selectFrom('staff')
        .innerJoin('branches', 'branches.id', 'staff.branch_id')
        .select(['staff.wecom_userid', 'staff.name', 'branches.name as branchName'])
        .where('staff.wecom_userid', 'in', [...new Set(rows.map((r) => r.staff_userid))])
        .execute()
    : []
  const byUserid = new Map(askers.map((a) => [a.wecom_userid, a]))
  const uses = await answerUses(db, rows)
  const at = now.toISOString()
  return rows.map((r, i) => ({
    ...mine[i]!,
    staffName: byUserid.get(r.staff_userid)?.name ?? r.staff_userid,
    branchName: byUserid.get(r.staff_userid)?.branchName ?? '',
    context: r.context === '{}' ? null : (JSON.parse(r.context) as ContactReplyContext),
    note: r.note,
    overdue: (r.answered_at ?? at) > r.sla_due_at,
    promotedQaId: r.promoted_qa_id === null ? null : Number(r.promoted_qa_id),
    uses: uses.get(Number(r.id)) ?? 0,
  }))
}

/** Open and claimed questions, most urgent and most overdue first. */
export async function listUnanswered(db: Q): Promise<EscalationRow[]> {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('status', '!=', 'answered')
    .orderBy('urgency', 'desc')
    .orderBy('sla_due_at')
    .orderBy('id')
    .execute()
}

/** The latest answered questions, newest first. */
export async function listAnswered(db: Q, limit: number): Promise<EscalationRow[]> {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('status', '=', 'answered')
    .orderBy('answered_at', 'desc')
    .limit(limit)
    .execute()
}

/** Claims the question unless someone already has; false when they have. */
export async function claimIfUnclaimed(db: Q, id: number, staffId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('escalations')
    .set({ status: 'claimed', claimed_by: staffId, claimed_at: now.toISOString() })
    .where('id', '=', id)
    .where('claimed_by', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Stores the answer unless the question was answered meanwhile; false when it was. */
export async function answerIfUnanswered(db: Q, id: number, set: Updateable<EscalationsTable>): Promise<boolean> {
  const result = await db
    .updateTable('escalations')
    .set(set)
    .where('id', '=', id)
    .where('status', '!=', 'answered')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records the Q&A draft an answer became, once; false when it already was promoted. */
export async function linkPromotedQa(db: Q, id: number, qaId: number): Promise<boolean> {
  const result = await db
    .updateTable('escalations')
    .set({ promoted_qa_id: qaId })
    .where('id', '=', id)
    .where('promoted_qa_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Every question asked since `since`. */
export async function listEscalationsCreatedSince(db: Q, since: string): Promise<EscalationRow[]> {
  return db.selectFrom('escalations').selectAll().where('created_at', '>=', since).execute()
}
