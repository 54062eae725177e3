import type { Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import type { BannedPhrase, BannedPhraseBody } from '../../contracts/review.js'
import type { Database } from '../../db/database.js'
import { AppError, notFound } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import {
  bumpLexiconRevision,
  findPhrase,
  findPhraseByText,
  insertPhrase,
  listPhrases,
  staffRole,
  updatePhrase,
  updatePhraseIfStatus,
} from './lexicon.repository.js'

type Q = Kysely<Database>
type Row = Selectable<Database['banned_phrases']>

export function toBannedPhrase(r: Row): BannedPhrase {
  return {
    id: Number(r.id),
    phrase: r.phrase,
    severity: r.severity,
    note: r.note,
    createdAt: r.created_at,
    status: r.status,
    category: r.category,
    explanation: r.explanation,
    source: r.source,
    createdBy: r.created_by,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }
}

export async function listLexicon(db: Q): Promise<BannedPhrase[]> {
  return (await listPhrases(db)).map(toBannedPhrase)
}

/** A proposal: it changes nothing until a different reviewer approves it. A rejected or retired phrase may be proposed again. */
export async function proposePhrase(
  db: Q,
  input: z.output<typeof BannedPhraseBody>,
  staff: SessionStaff,
  now: Date,
): Promise<BannedPhrase> {
  const values = {
    severity: input.severity,
    note: input.note ?? null,
    category: input.category ?? null,
    explanation: input.explanation ?? null,
    source: input.source ?? null,
    created_by: staff.id,
    created_at: now.toISOString(),
    status: 'proposed' as const,
    decided_by: null,
    decided_at: null,
  }
  const existing = await findPhraseByText(db, input.phrase)
  if (existing && (existing.status === 'active' || existing.status === 'proposed'))
    throw new AppError('DUPLICATE_PHRASE', 409, `「${input.phrase}」已在违规用语列表中或正待审核`)
  const row = existing
    ? await updatePhrase(db, existing.id, values)
    : await insertPhrase(db, { phrase: input.phrase, ...values })
  return toBannedPhrase(row)
}

async function expectLexiconReviewer(db: Q, staff: SessionStaff): Promise<void> {
  const row = await staffRole(db, staff.id)
  if (!row || row.role !== 'middle' || Number(row.reviewer) !== 1)
    throw new AppError('NOT_REVIEWER', 403, '只有具备审核权限的合规审核人员可以审批词库变更')
}

async function decide(db: Q, id: number, from: Row['status'], to: Row['status'], staff: SessionStaff, now: Date) {
  const set = { status: to, decided_by: staff.id, decided_at: now.toISOString() }
  if (!(await updatePhraseIfStatus(db, id, from, set)))
    throw new AppError('CONCURRENT_CHANGE', 409, '该词条已被他人处理，请刷新后重试')
}

async function load(db: Q, id: number): Promise<Row> {
  const row = await findPhrase(db, id)
  if (!row) throw notFound('违规用语')
  return row
}

/** Proposer ≠ approver; the lexicon version moves, so later checks record which rules they ran. */
export async function decideProposal(
  db: Q,
  id: number,
  staff: SessionStaff,
  verdict: 'approve' | 'reject',
  now: Date,
): Promise<BannedPhrase> {
  await expectLexiconReviewer(db, staff)
  const row = await load(db, id)
  if (row.status !== 'proposed') throw new AppError('NOT_PROPOSED', 409, '该词条不在待审核状态')
  if (row.created_by === staff.id)
    throw new AppError('SELF_APPROVAL', 403, '不能审批自己提议的词条，请由其他审核人员处理')
  await db.transaction().execute(async (trx) => {
    await decide(trx, id, 'proposed', verdict === 'approve' ? 'active' : 'rejected', staff, now)
    if (verdict === 'approve') await bumpLexiconRevision(trx)
  })
  return toBannedPhrase(await load(db, id))
}

/** A reviewer retires an active phrase (or its proposer withdraws a pending proposal). */
export async function retirePhrase(db: Q, id: number, staff: SessionStaff, now: Date): Promise<void> {
  const row = await load(db, id)
  if (row.status === 'proposed' && row.created_by === staff.id) {
    await decide(db, id, 'proposed', 'retired', staff, now)
    return
  }
  await expectLexiconReviewer(db, staff)
  if (row.status !== 'active') throw new AppError('NOT_ACTIVE', 409, '该词条未生效，无需下线')
  await db.transaction().execute(async (trx) => {
    await decide(trx, id, 'active', 'retired', staff, now)
    await bumpLexiconRevision(trx)
  })
}
