import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Org } from './org.js'
import { seedEscalations } from './qa-escalations.js'
import { seedQaLibrary } from './qa-library.js'

/**
 * The demo's Q&A library and 问中台 inbox. The library is drafted by the head office's content
 * specialist and approved by its compliance reviewer (合规审核岗), through the shared review workflow.
 */
export async function seedRepliesDemo(trx: Kysely<Database>, org: Org, now: Date): Promise<void> {
  // resetSeededTables does not know these tables; a reseed replaces them here instead of duplicating.
  for (const table of ['reply_uses', 'escalations', 'qa_items'] as const) await trx.deleteFrom(table).execute()
  const headMiddle = org.staff.filter(
    (s) => s.role === 'middle' && org.branches.find((b) => b.id === s.branch_id)?.level === 'head',
  )
  const author = headMiddle.find((s) => s.title === '中台内容专员')
  const reviewer = headMiddle.find((s) => s.title === '合规审核岗')
  if (!author || !reviewer) return
  // The reviewer capability is what the 合规审核岗 title means (migration 007); make sure the seed says so.
  await trx.updateTable('staff').set({ reviewer: 1 }).where('id', '=', reviewer.id).execute()
  await seedQaLibrary(trx, { authorStaffId: author.id, reviewerStaffId: reviewer.id, now })
  await seedEscalations(trx, { answererStaffId: author.id, now })
}
