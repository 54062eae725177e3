import type { z } from 'zod'
import type { QaLexiconBody, QaLexiconEntry } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { deleteLexiconEntry, insertLexiconEntry, listLexiconEntries } from './lexicon.repository.js'
import { lexiconWords } from './search/lexicon.js'
import { invalidateQaIndex } from './search/live-qa-index.js'

/** The console's domain words and synonym groups, newest first. */
export async function listLexicon(ctx: AppContext): Promise<QaLexiconEntry[]> {
  const rows = await listLexiconEntries(ctx.db.kysely)
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, words: lexiconWords(r.words), createdAt: r.created_at }))
}

/** Adds a word or a synonym group; the next search re-tokenizes the library with it. */
export async function addLexiconEntry(
  ctx: AppContext,
  staff: SessionStaff,
  input: z.infer<typeof QaLexiconBody>,
): Promise<QaLexiconEntry> {
  const words = [...new Set(lexiconWords(input.words))]
  if (input.kind === 'word' && words.length !== 1) throw new AppError('VALIDATION_FAILED', 400, '一次添加一个词')
  if (input.kind === 'synonyms' && words.length < 2) throw new AppError('VALIDATION_FAILED', 400, '同义词组至少 2 个词')
  const createdAt = ctx.now().toISOString()
  const id = await insertLexiconEntry(ctx.db.kysely, {
    kind: input.kind,
    words: words.join(' '),
    created_by: staff.id,
    created_at: createdAt,
  })
  invalidateQaIndex()
  return { id, kind: input.kind, words, createdAt }
}

/** Removes one entry (404 when it is gone). */
export async function removeLexiconEntry(ctx: AppContext, id: number): Promise<void> {
  if (!(await deleteLexiconEntry(ctx.db.kysely, id))) throw new AppError('NOT_FOUND', 404, '词条不存在')
  invalidateQaIndex()
}
