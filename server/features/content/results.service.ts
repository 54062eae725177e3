import type { ResultsRow } from '../../contracts/content.js'
import { creditsOfSends } from '../../lib/purchase-credit.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { resolveScope } from '../process/index.js'
import { staffNames } from '../review/index.js'

const DAY = 86_400_000

interface Acc {
  sends: number
  recipients: Set<string>
  opened: number
  opens: number
  trackable: number
  inquiries: number
  conversions: number
}
const acc = (): Acc => ({
  sends: 0,
  recipients: new Set(),
  opened: 0,
  opens: 0,
  trackable: 0,
  inquiries: 0,
  conversions: 0,
})

/**
 * Results the middle office is assessed on, within the viewer's scope (the dashboard's `resolveScope`: a supervisor
 * their branch subtree's sends, the middle office the whole bank), per item (all versions of a root) and per author of the
 * version sent: sends, unique recipients, opens and open rate (news cards only), 我想咨询 inquiries,
 * and conversions by the one attribution rule (server/lib/purchase-credit.ts): each purchase credited to the last
 * tracked send before it within 14 days, so to at most one send.
 */
export async function contentResults(
  ctx: AppContext,
  viewer: SessionStaff,
  days: number,
): Promise<{ items: ResultsRow[]; authors: ResultsRow[] }> {
  const db = ctx.db.kysely
  const since = new Date(ctx.now().getTime() - days * DAY).toISOString()
  const { branchIds } = await resolveScope(db, viewer)
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
    // By the sender's current branch; staff who have left included.
    .where('s.staff_userid', 'in', (eb) =>
      eb
        .selectFrom('staff')
        .select('wecom_userid')
        .where('branch_id', 'in', branchIds)
        .where('wecom_userid', 'is not', null)
        .$narrowType<{ wecom_userid: string }>(),
    )
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
  const credits = await creditsOfSends(db, since, ctx.now().toISOString())

  const byItem = new Map<number, Acc>()
  const byAuthor = new Map<string, Acc>()
  for (const s of sends) {
    const targets = [byItem.get(Number(s.root_id)) ?? acc(), byAuthor.get(s.author_staff_id) ?? acc()]
    byItem.set(Number(s.root_id), targets[0]!)
    byAuthor.set(s.author_staff_id, targets[1]!)
    for (const a of targets) {
      a.sends++
      a.recipients.add(s.external_userid ?? `chat:${s.chat_id}`)
      if (s.msgtype === 'news') a.trackable++
      a.opens += opens.get(s.id) ?? 0
      if (opens.get(s.id)) a.opened++
      a.inquiries += inquiries.get(s.id) ?? 0
      a.conversions += credits.get(s.id)?.credited ?? 0
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
    conversions: a.conversions,
  })
  const sort = (rows: ResultsRow[]) =>
    rows.sort((x, y) => y.conversions - x.conversions || y.inquiries - x.inquiries || y.sends - x.sends)
  return {
    items: sort([...byItem].map(([root, a]) => row(String(root), titles.get(root) ?? `#${root}`, a))),
    authors: sort([...byAuthor].map(([id, a]) => row(id, names.get(id) ?? id, a))),
  }
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
