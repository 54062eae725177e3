import type { Kysely } from 'kysely'
import { DEFAULT_DISCLAIMERS } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import { publishQaEntry } from '../replies/index.js'
import { BANKING_ENTRIES } from './qa-library-banking.js'
import type { QaSeedEntry } from './qa-library-entry.js'
import { INVEST_ENTRIES } from './qa-library-invest.js'
import { TOPIC_ENTRIES } from './qa-library/index.js'

export const QA_LIBRARY: readonly QaSeedEntry[] = [...INVEST_ENTRIES, ...BANKING_ENTRIES, ...TOPIC_ENTRIES]

const DAY_MS = 86_400_000

/**
 * Publishes the demo Q&A library through the shared review workflow (drafted by one middle-office
 * member, approved by a reviewer), valid from 30 days ago for 180 days. Returns entry ids by key.
 */
export async function seedQaLibrary(
  trx: Kysely<Database>,
  opts: { authorStaffId: string; reviewerStaffId: string; now: Date },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const validFrom = new Date(opts.now.getTime() - 30 * DAY_MS)
  const validUntil = new Date(opts.now.getTime() + 180 * DAY_MS)
  for (const e of QA_LIBRARY) {
    const input = {
      question: e.question,
      alternatives: e.alternatives,
      answer: e.answer,
      disclaimer: DEFAULT_DISCLAIMERS[e.topic] ?? null,
      topic: e.topic,
      tags: e.tags,
    }
    ids.set(e.key, await publishQaEntry(trx, input, { ...opts, validFrom, validUntil }))
  }
  return ids
}
