import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { addDays, dayStartIso } from '../days.js'

const CONVERSION_DAYS = 14

/** Reads another feature's table if it is there; the results degrade to "unknown" rather than fail. */
export async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read()
  } catch {
    return fallback
  }
}

export async function namesOf(db: Kysely<Database>, staffIds: string[]): Promise<Map<string, string>> {
  if (!staffIds.length) return new Map()
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(staffIds)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * Conversions per content item: sends in the period whose (verified) customer bought something
 * within 14 days after. Null when the sends or purchases tables are not available.
 */
export async function conversions(
  db: Kysely<Database>,
  roots: number[],
  period: { from: string; to: string },
): Promise<Map<string, number> | null> {
  if (!roots.length) return new Map()
  return optional(async () => {
    const sends = await db
      .selectFrom('content_sends')
      .innerJoin('bindings', 'bindings.external_userid', 'content_sends.external_userid')
      .select(['content_sends.root_id', 'content_sends.sent_at', 'bindings.cif_no'])
      .where('content_sends.root_id', 'in', roots)
      .where('content_sends.sent_at', '>=', dayStartIso(period.from))
      .where('content_sends.sent_at', '<', dayStartIso(addDays(period.to, 1)))
      .execute()
    const cifs = [...new Set(sends.map((s) => s.cif_no))]
    const purchases = cifs.length
      ? await db
          .selectFrom('purchases')
          .select(['cif_no', 'purchased_at'])
          .where('cif_no', 'in', cifs)
          .where('purchased_at', '>=', dayStartIso(period.from))
          .execute()
      : []
    const out = new Map<string, number>()
    for (const s of sends) {
      const until = new Date(Date.parse(s.sent_at!) + CONVERSION_DAYS * 86_400_000).toISOString()
      if (purchases.some((p) => p.cif_no === s.cif_no && p.purchased_at >= s.sent_at! && p.purchased_at <= until)) {
        out.set(`content:${s.root_id}`, (out.get(`content:${s.root_id}`) ?? 0) + 1)
      }
    }
    return out
  }, null)
}
