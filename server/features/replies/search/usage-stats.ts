import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { groupBy } from '../../../lib/collections.js'
import { listInquiriesToStaffSince, listReplyUsesOfRootsSince } from './usage-stats.repository.js'

export interface UsageStats {
  /** Times an entry (any version) was sent in the window. */
  uses: number
  /** Sends after which the same customer asked about a product (a 我想咨询 inquiry) within 72 hours. */
  followedByInquiry: number
}

const FOLLOW_UP_MS = 72 * 3600_000

/** What worked before, per Q&A root id: sends, and sends followed by an inquiry from that customer. */
export async function usageByRoot(
  db: Kysely<Database>,
  rootIds: readonly number[],
  since: Date,
): Promise<Map<number, UsageStats>> {
  const stats = new Map<number, UsageStats>()
  if (rootIds.length === 0) return stats
  const uses = await listReplyUsesOfRootsSince(db, [...rootIds], since.toISOString())
  if (uses.length === 0) return stats
  // Inquiries land on the manager who sent the content.
  const inquiries = await listInquiriesToStaffSince(
    db,
    [...new Set(uses.map((u) => u.staff_userid))],
    since.toISOString(),
  )
  const inquiryTimes = groupBy(
    inquiries.filter((i) => i.external_userid),
    (i) => i.external_userid!,
    (i) => Date.parse(i.occurred_at),
  )
  for (const u of uses) {
    const root = Number(u.qa_root_id)
    const s = stats.get(root) ?? { uses: 0, followedByInquiry: 0 }
    s.uses++
    const sentAt = Date.parse(u.sent_at!)
    const times = u.external_userid ? (inquiryTimes.get(u.external_userid) ?? []) : []
    if (times.some((t) => t > sentAt && t <= sentAt + FOLLOW_UP_MS)) s.followedByInquiry++
    stats.set(root, s)
  }
  return stats
}
