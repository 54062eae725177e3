import type { Kysely } from 'kysely'
import type { ContentTopic } from '../contracts/content.js'
import type { Database } from '../db/database.js'
import { chunks } from './collections.js'
import { holdingsOpenedSince, purchasesSince, trackedSendsBetween } from './purchase-credit.repository.js'

/**
 * The one attribution rule for content results, used by the dashboard and the content page alike: a
 * purchase of a product of the item's topic is credited to the last tracked send (a news card, whose
 * opens come back) to the buyer before the purchase and within 14 days of it — to at most one send.
 * Text and image sends cannot be tracked and are never credited.
 */
export const CONVERSION_DAYS = 14
const WINDOW_MS = CONVERSION_DAYS * 86_400_000

/** A purchase of one of these product types counts for an item of the topic. */
export const TOPIC_PRODUCTS: Record<ContentTopic, string[]> = {
  fund: ['fund'],
  gold: ['gold'],
  fx: ['fx'],
  insurance: ['insurance'],
  wealth: ['wealth'],
  deposit: ['time_deposit'],
  loan: [],
  general: [],
}

export interface Touch {
  sendId: string
  cif: string
  topic: ContentTopic
  sentAt: number
}
export interface Purchase {
  /** One per customer, product type and Beijing day: a CRM purchase and the holding it opened are one. */
  key: string
  cif: string
  productType: string
  at: number
}

/** Purchase key → the send it is credited to. Pure: the property tests check it directly. */
export function creditPurchases(touches: readonly Touch[], purchases: readonly Purchase[]): Map<string, string> {
  const byCif = new Map<string, Touch[]>()
  for (const t of touches) byCif.set(t.cif, [...(byCif.get(t.cif) ?? []), t])
  const out = new Map<string, string>()
  for (const p of purchases) {
    let best: Touch | undefined
    for (const t of byCif.get(p.cif) ?? []) {
      if (!TOPIC_PRODUCTS[t.topic]?.includes(p.productType)) continue
      if (t.sentAt > p.at || t.sentAt < p.at - WINDOW_MS) continue
      if (!best || t.sentAt > best.sentAt || (t.sentAt === best.sentAt && t.sendId > best.sendId)) best = t
    }
    if (best) out.set(p.key, best.sendId)
  }
  return out
}

const beijingDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
const instant = (at: string) => Date.parse(at.length === 10 ? `${at}T04:00:00.000Z` : at)

async function trackedSends(db: Kysely<Database>, fromIso: string, toIso: string, cifs?: readonly string[]) {
  const rows: (Touch & { rootId: number })[] = []
  for (const c of cifs ? chunks([...cifs]) : [null]) {
    for (const r of await trackedSendsBetween(db, fromIso, toIso, c))
      rows.push({
        sendId: r.id,
        rootId: Number(r.root_id),
        cif: r.cif_no,
        topic: r.topic,
        sentAt: Date.parse(r.sent_at!),
      })
  }
  return rows
}

async function purchasesOf(db: Kysely<Database>, cifs: readonly string[], fromIso: string, toIso: string) {
  const out = new Map<string, Purchase>()
  const add = (cif: string, productType: string, at: string) => {
    const ms = instant(at)
    if (ms < Date.parse(fromIso) || ms >= Date.parse(toIso)) return
    const key = `${cif}|${productType}|${beijingDay(ms)}`
    // The earliest of one key stands for it, whatever order the rows come back in.
    if (!out.has(key) || out.get(key)!.at > ms) out.set(key, { key, cif, productType, at: ms })
  }
  for (const c of chunks([...cifs])) {
    for (const p of await purchasesSince(db, c, fromIso.slice(0, 10))) add(p.cif_no, p.product_type, p.purchased_at)
    // CRMs that only report positions: a holding opened is a purchase.
    for (const h of await holdingsOpenedSince(db, c, fromIso.slice(0, 10))) add(h.cif_no, h.product_type, h.opened_at)
  }
  return [...out.values()]
}

/** Send id → its item root and the purchases credited to it, for the tracked sends in [fromIso, toIso) credited at least once. */
export async function creditsOfSends(
  db: Kysely<Database>,
  fromIso: string,
  toIso: string,
): Promise<Map<string, { rootId: number; credited: number }>> {
  const inPeriod = await trackedSends(db, fromIso, toIso)
  const cifs = [...new Set(inPeriod.map((s) => s.cif))]
  if (!cifs.length) return new Map()
  const iso = (ms: number) => new Date(ms).toISOString()
  const purchases = await purchasesOf(db, cifs, fromIso, iso(Date.parse(toIso) + WINDOW_MS))
  // A later send (after the period) may be the last touch before a purchase: it takes the credit.
  const touches = await trackedSends(db, fromIso, iso(Date.parse(toIso) + WINDOW_MS), cifs)
  const roots = new Map(inPeriod.map((s) => [s.sendId, s.rootId]))
  const out = new Map<string, { rootId: number; credited: number }>()
  for (const sendId of creditPurchases(touches, purchases).values()) {
    const rootId = roots.get(sendId)
    if (rootId !== undefined) out.set(sendId, { rootId, credited: (out.get(sendId)?.credited ?? 0) + 1 })
  }
  return out
}
