import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { SEED_ITEMS, type SeedItem } from './content-library.js'
import type { Rng } from './prng.js'

const DAY = 86_400_000
const RISK_ORDER = ['R1', 'R2', 'R3', 'R4', 'R5']
const RECIPIENTS = 700
const PRODUCT_OF: Record<string, [string, string] | undefined> = {
  fund: ['fund', '精选混合基金'],
  gold: ['gold', '积存金'],
  fx: ['fx', '外币定期'],
  wealth: ['wealth', '稳健理财 90 天'],
  deposit: ['time_deposit', '三年期大额存单'],
  insurance: ['insurance', '养老年金保险'],
}
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

interface Recipient {
  external_userid: string
  staff_userid: string
  cif_no: string
  risk_level: string | null
  segment: string
  tags: string
}

function suits(item: SeedItem, r: Recipient): boolean {
  if (item.state && item.state !== 'live' && item.state !== 'expiring') return false
  if (item.segments?.length && !item.segments.includes(r.segment)) return false
  if (item.minRisk && (!r.risk_level || RISK_ORDER.indexOf(r.risk_level) < RISK_ORDER.indexOf(item.minRisk)))
    return false
  return true
}

/**
 * Sends of the seeded library to bound contacts over the last 60 days, with opens, 我想咨询 inquiries
 * and purchases at plausible rates, so the results page is not empty. Purchases go to the CRM's
 * `purchases` (holdings are left alone: the seeded holdings add up to each customer's AUM).
 */
export async function seedContentActivity(
  trx: Kysely<Database>,
  rng: Rng,
  itemIds: number[],
  now: Date,
): Promise<number> {
  const all = await trx
    .selectFrom('bindings as b')
    .innerJoin('customers as c', 'c.cif_no', 'b.cif_no')
    .innerJoin('wecom_contacts as w', (j) =>
      j.onRef('w.external_userid', '=', 'b.external_userid').onRef('w.staff_userid', '=', 'b.staff_userid'),
    )
    .select(['b.external_userid', 'b.staff_userid', 'c.cif_no', 'c.risk_level', 'c.segment', 'c.tags'])
    .where('w.deleted_at', 'is', null)
    .orderBy('b.external_userid')
    .execute()
  const step = Math.max(1, Math.floor(all.length / RECIPIENTS))
  const sends: Insertable<Database['content_sends']>[] = []
  const events: Insertable<Database['events']>[] = []
  const purchases: Insertable<Database['purchases']>[] = []
  for (let i = 0; i < all.length; i += step) {
    const r = all[i]!
    const tags: string[] = JSON.parse(r.tags)
    const candidates = SEED_ITEMS.map((item, k) => ({ item, id: itemIds[k]! })).filter(({ item }) => suits(item, r))
    const weighted = candidates.map(
      (c) => [c.id, 1 + 4 * (c.item.tags ?? []).filter((t) => tags.includes(t)).length] as const,
    )
    const chosen = new Set<number>()
    for (let n = rng.int(1, 2); n > 0 && weighted.length; n--) chosen.add(rng.weighted(weighted))
    for (const id of chosen) {
      const item = SEED_ITEMS[itemIds.indexOf(id)]!
      const sendId = Array.from({ length: 22 }, () => ALPHABET[rng.int(0, 63)]).join('')
      const sentAt = now.getTime() - rng.int(1, 60) * DAY + rng.int(9 * 3600, 19 * 3600) * 1000 - DAY
      const news = item.kind === 'article' || item.kind === 'chart'
      sends.push({
        id: sendId,
        item_id: id,
        root_id: id,
        staff_userid: r.staff_userid,
        external_userid: r.external_userid,
        chat_id: null,
        msgtype: news ? 'news' : 'text',
        text: null,
        edit_diff: null,
        findings: '[]',
        created_at: new Date(sentAt - 5000).toISOString(),
        sent_at: new Date(sentAt).toISOString(),
      })
      const event = (type: string, at: number, key: string) =>
        events.push({
          type,
          staff_userid: r.staff_userid,
          external_userid: r.external_userid,
          ref_id: sendId,
          occurred_at: new Date(at).toISOString(),
          source: type === 'content_sent' ? 'sidebar' : 'public',
          dedupe_key: key,
          payload: JSON.stringify({ rootId: id }),
        })
      event('content_sent', sentAt, `content_sent:${sendId}`)
      const opened = news && rng.chance(0.52)
      if (opened) event('content_opened', sentAt + rng.int(2, 600) * 60_000, `content_opened:${sendId}:seed-device`)
      const inquired = opened && rng.chance(0.14)
      if (inquired)
        event('content_inquiry', sentAt + rng.int(601, 900) * 60_000, `content_inquiry:${sendId}:seed-device`)
      const product = PRODUCT_OF[item.topic]
      const boughtAt = sentAt + rng.int(1, 13) * DAY
      if (product && boughtAt < now.getTime() && rng.chance(inquired ? 0.4 : opened ? 0.1 : 0.04)) {
        const amount = rng.int(1, 50) * 1_000_000
        purchases.push({
          purchase_no: `DEMO-CT-${String(purchases.length + 1).padStart(6, '0')}`,
          cif_no: r.cif_no,
          product_type: product[0] as never,
          product_code: `DEMO-${product[0].toUpperCase()}`,
          product_name: product[1],
          amount_cents: amount,
          purchased_at: new Date(boughtAt).toISOString(),
          staff_id: null,
          channel: 'mobile',
          crm_fingerprint: null,
        })
      }
    }
  }
  for (let i = 0; i < sends.length; i += 500)
    await trx
      .insertInto('content_sends')
      .values(sends.slice(i, i + 500))
      .execute()
  for (let i = 0; i < events.length; i += 500)
    await trx
      .insertInto('events')
      .values(events.slice(i, i + 500))
      .execute()
  for (let i = 0; i < purchases.length; i += 500)
    await trx
      .insertInto('purchases')
      .values(purchases.slice(i, i + 500))
      .execute()
  return sends.length
}
