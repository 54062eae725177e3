import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

type Q = Kysely<Database>

/** News sends in [fromIso, toIso) with their item's topic and the bound customer (only these customers', when given). */
export async function trackedSendsBetween(db: Q, fromIso: string, toIso: string, cifs: readonly string[] | null) {
  let q = db
    .selectFrom('content_sends as s')
    .innerJoin('content_items as i', 'i.id', 's.item_id')
    .innerJoin('bindings as b', 'b.external_userid', 's.external_userid')
    .select(['s.id', 's.root_id', 's.sent_at', 'i.topic', 'b.cif_no'])
    .where('s.msgtype', '=', 'news')
    .where('s.sent_at', '>=', fromIso)
    .where('s.sent_at', '<', toIso)
  if (cifs) q = q.where('b.cif_no', 'in', cifs)
  return q.execute()
}

/** The customers' CRM purchases on or after `fromDay` (YYYY-MM-DD). */
export async function purchasesSince(db: Q, cifs: readonly string[], fromDay: string) {
  return db
    .selectFrom('purchases')
    .select(['cif_no', 'product_type', 'purchased_at'])
    .where('cif_no', 'in', cifs)
    .where('purchased_at', '>=', fromDay)
    .execute()
}

/** The customers' holdings opened on or after `fromDay` (YYYY-MM-DD). */
export async function holdingsOpenedSince(db: Q, cifs: readonly string[], fromDay: string) {
  return db
    .selectFrom('holdings')
    .select(['cif_no', 'product_type', 'opened_at'])
    .where('cif_no', 'in', cifs)
    .where('opened_at', '>=', fromDay)
    .execute()
}
