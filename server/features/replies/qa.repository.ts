import type { Kysely, Selectable } from 'kysely'
import type { QaItem, QaItemInput } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import { isLive, staffNames, toReviewInfo } from '../review/index.js'
import type { QaItemsTable } from './replies.table.js'
import { indexText } from './search/tokenizer.js'

type Q = Kysely<Database>
export type QaRow = Selectable<QaItemsTable>

/** The stored columns of an entry's editable fields, search tokens included. */
export function qaColumns(input: QaItemInput) {
  return {
    question: input.question,
    alternatives: JSON.stringify(input.alternatives),
    answer: input.answer,
    disclaimer: input.disclaimer,
    topic: input.topic,
    tags: JSON.stringify(input.tags),
    search_question: indexText(input.question, ...input.alternatives, ...input.tags),
    search_answer: indexText(input.answer),
  }
}

/** What the compliance module checks: the answer (the question is the customer's words) and its 风险提示. */
export function qaComplianceInput(row: Record<string, unknown>) {
  return {
    fields: { answer: String(row.answer) },
    topic: String(row.topic),
    disclaimer: (row.disclaimer as string | null) ?? null,
  }
}

export async function findQaRow(db: Q, id: number): Promise<QaRow> {
  const row = await db.selectFrom('qa_items').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('话术条目')
  return row
}

export function toQaItem(row: QaRow, names: Map<string, string>, now: Date): QaItem {
  const id = Number(row.id)
  return {
    id,
    question: row.question,
    alternatives: JSON.parse(row.alternatives) as string[],
    answer: row.answer,
    disclaimer: row.disclaimer,
    topic: row.topic,
    tags: JSON.parse(row.tags) as string[],
    review: toReviewInfo({ ...row, id }, names),
    sourceEscalationId: row.source_escalation_id === null ? null : Number(row.source_escalation_id),
    live: isLive(row, now),
  }
}

/** Maps rows to DTOs with author and reviewer names looked up once. */
export async function toQaItems(db: Q, rows: QaRow[], now: Date): Promise<QaItem[]> {
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.author_staff_id, r.reviewer_staff_id]),
  )
  return rows.map((r) => toQaItem(r, names, now))
}

/** The text a manager sends: the answer, then its 风险提示 on its own line. */
export function sendableText(answer: string, disclaimer: string | null): string {
  return disclaimer ? `${answer}\n风险提示：${disclaimer}` : answer
}
