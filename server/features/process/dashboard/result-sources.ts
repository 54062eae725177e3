import type { Kysely } from 'kysely'
import { percent } from '../../../contracts/metrics.js'
import type { Database } from '../../../db/database.js'
import { chunks } from '../../../lib/collections.js'
import { creditsOfSends } from '../../../lib/purchase-credit.js'
import { addDays, dayStartIso } from '../days.js'
import { contentSendsBetween, openedSendIds } from './results.repository.js'

/** Reads another feature's table if it is there; the results degrade to "unknown" rather than fail. */
export async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read()
  } catch {
    return fallback
  }
}

export interface ContentCohort {
  sent: number
  trackable: number
  /** trackable sends opened at least once */
  opened: number
  openRate: number | null
  conversions: number
}

/**
 * Per content item (`content:<root>`), the sends of the period as one cohort: how many, how many could be
 * tracked, how many of those were opened, and the purchases credited to them by the one attribution rule
 * (server/lib/purchase-credit.ts). Null when the content tables are not available.
 */
export async function contentCohorts(
  db: Kysely<Database>,
  period: { from: string; to: string },
): Promise<Map<string, ContentCohort> | null> {
  const [start, end] = [dayStartIso(period.from), dayStartIso(addDays(period.to, 1))]
  return optional(async () => {
    const sends = await contentSendsBetween(db, start, end)
    const tracked = sends.filter((s) => s.msgtype === 'news').map((s) => s.id)
    const opened = new Set<string>()
    for (const c of chunks(tracked)) {
      for (const e of await openedSendIds(db, c)) opened.add(e.ref_id!)
    }
    const credits = await creditsOfSends(db, start, end)
    const out = new Map<string, ContentCohort>()
    for (const s of sends) {
      const key = `content:${s.root_id}`
      const row = out.get(key) ?? { sent: 0, trackable: 0, opened: 0, openRate: null, conversions: 0 }
      row.sent++
      if (s.msgtype === 'news') row.trackable++
      if (opened.has(s.id)) row.opened++
      row.conversions += credits.get(s.id)?.credited ?? 0
      row.openRate = percent(row.opened, row.trackable)
      out.set(key, row)
    }
    return out
  }, null)
}
