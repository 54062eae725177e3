import type { ContentTopic, ResultsRow } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import { staffNames } from '../review/index.js'

/** A purchase of one of these product types counts as a conversion for an item of the topic. */
const TOPIC_PRODUCTS: Record<ContentTopic, string[]> = {
  fund: ['fund'],
  gold: ['gold'],
  fx: ['fx'],
  insurance: ['insurance'],
  wealth: ['wealth'],
  deposit: ['time_deposit'],
  loan: [],
  general: [],
}
export const CONVERSION_DAYS = 14
const DAY = 86_400_000

interface Acc {
  sends: number
  recipients: Set<string>
  opened: number
  opens: number
  trackable: number
  inquiries: number
  conversions: Set<string>
}
const acc = (): Acc => ({
  sends: 0,
  recipients: new Set(),
  opened: 0,
  opens: 0,
  trackable: 0,
  inquiries: 0,
  conversions: new Set(),
})

/**
 * Results the middle office is assessed on, per item (all versions of a root) and per author of the
 * version sent: sends, unique recipients, opens and open rate (news cards only), 我想咨询 inquiries,
 * and conversions — a bound recipient buying a product of the item's topic within 14 days of the send.
 */
export async function contentResults(
  ctx: AppContext,
  days: number,
): Promise<{ items: ResultsRow[]; authors: ResultsRow[] }> {
  const db = ctx.db.kysely
  const since = new Date(ctx.now().getTime() - days * DAY).toISOString()
  const sends = await db
    .selectFrom('content_sends as s')
    .innerJoin('content_items as c', 'c.id', 's.item_id')
    .select([
      's.id',
      's.root_id',
      's.external_userid',
      's.chat_id',
      's.msgtype',
      's.sent_at',
      'c.topic',
      'c.author_staff_id',
    ])
    .where('s.sent_at', '>=', since)
    .execute()
  const counts = await db
    .selectFrom('events')
    .select(['ref_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('type', 'in', ['content_opened', 'content_inquiry'])
    .where('occurred_at', '>=', since)
    .groupBy(['ref_id', 'type'])
    .execute()
  const opens = new Map<string, number>()
  const inquiries = new Map<string, number>()
  for (const c of counts) (c.type === 'content_opened' ? opens : inquiries).set(c.ref_id!, Number(c.n))
  const purchases = await purchasesOfRecipients(
    ctx,
    [...new Set(sends.map((s) => s.external_userid).filter((e): e is string => !!e))],
    since,
  )

  const byItem = new Map<number, Acc>()
  const byAuthor = new Map<string, Acc>()
  for (const s of sends) {
    const targets = [byItem.get(Number(s.root_id)) ?? acc(), byAuthor.get(s.author_staff_id) ?? acc()]
    byItem.set(Number(s.root_id), targets[0]!)
    byAuthor.set(s.author_staff_id, targets[1]!)
    const sentAt = new Date(s.sent_at!).getTime()
    const bought = (purchases.get(s.external_userid ?? '') ?? []).find(
      (p) => TOPIC_PRODUCTS[s.topic].includes(p.type) && p.at >= sentAt - DAY && p.at <= sentAt + CONVERSION_DAYS * DAY,
    )
    for (const a of targets) {
      a.sends++
      a.recipients.add(s.external_userid ?? `chat:${s.chat_id}`)
      if (s.msgtype === 'news') a.trackable++
      a.opens += opens.get(s.id) ?? 0
      if (opens.get(s.id)) a.opened++
      a.inquiries += inquiries.get(s.id) ?? 0
      if (bought) a.conversions.add(`${s.root_id}:${bought.cif}`)
    }
  }
  const titles = await latestTitles(ctx, [...byItem.keys()])
  const names = await staffNames(db, byAuthor.keys())
  const row = (key: string, label: string, a: Acc): ResultsRow => ({
    key,
    label,
    sends: a.sends,
    recipients: a.recipients.size,
    opens: a.opens,
    openRate: a.trackable ? Math.round((a.opened / a.trackable) * 1000) / 1000 : null,
    inquiries: a.inquiries,
    conversions: a.conversions.size,
  })
  const sort = (rows: ResultsRow[]) =>
    rows.sort((x, y) => y.conversions - x.conversions || y.inquiries - x.inquiries || y.sends - x.sends)
  return {
    items: sort([...byItem].map(([root, a]) => row(String(root), titles.get(root) ?? `#${root}`, a))),
    authors: sort([...byAuthor].map(([id, a]) => row(id, names.get(id) ?? id, a))),
  }
}

/**
 * external_userid → purchases of the bound customer since `since`: CRM purchase records, plus new
 * holdings for CRMs that only report positions.
 */
async function purchasesOfRecipients(ctx: AppContext, externalUserIds: string[], since: string) {
  const out = new Map<string, { cif: string; type: string; at: number }[]>()
  const add = (ext: string, cif: string, type: string, at: string) => {
    const list = out.get(ext) ?? []
    list.push({ cif, type, at: new Date(at.length === 10 ? `${at}T12:00:00.000Z` : at).getTime() })
    out.set(ext, list)
  }
  const db = ctx.db.kysely
  for (let i = 0; i < externalUserIds.length; i += 500) {
    const batch = externalUserIds.slice(i, i + 500)
    const [holdings, purchases] = await Promise.all([
      db
        .selectFrom('bindings as b')
        .innerJoin('holdings as h', 'h.cif_no', 'b.cif_no')
        .select(['b.external_userid', 'b.cif_no', 'h.product_type', 'h.opened_at as at'])
        .where('b.external_userid', 'in', batch)
        .where('h.opened_at', '>=', since.slice(0, 10))
        .execute(),
      db
        .selectFrom('bindings as b')
        .innerJoin('purchases as p', 'p.cif_no', 'b.cif_no')
        .select(['b.external_userid', 'b.cif_no', 'p.product_type', 'p.purchased_at as at'])
        .where('b.external_userid', 'in', batch)
        .where('p.purchased_at', '>=', since.slice(0, 10))
        .execute(),
    ])
    for (const r of [...holdings, ...purchases]) add(r.external_userid, r.cif_no, r.product_type, r.at)
  }
  return out
}

async function latestTitles(ctx: AppContext, roots: number[]): Promise<Map<number, string>> {
  if (!roots.length) return new Map()
  const rows = await ctx.db.kysely
    .selectFrom('content_items')
    .select(['root_id', 'version', 'title'])
    .where('root_id', 'in', roots)
    .orderBy('version')
    .execute()
  return new Map(rows.map((r) => [Number(r.root_id), r.title]))
}
