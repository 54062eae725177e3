import type { ContentResults, ResultsQueryT, ResultsRow } from '../../contracts/content.js'
import { creditsOfSends } from '../../lib/purchase-credit.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { beijingDate, beijingDayStart } from '../../lib/time.js'
import { resolveScope } from '../process/index.js'
import { staffNames } from '../review/index.js'
import { latestTitles, sendsOfBranches, trackingCountsSince } from './results.repository.js'

const DAY = 86_400_000
const DEFAULT_DAYS = 90

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

/** The instants [fromIso, toIso) a query covers, and the Beijing days it reads as. */
function periodOf(query: ResultsQueryT, now: Date) {
  if (query.from) {
    const to = query.to ?? beijingDate(now.toISOString())
    return {
      fromIso: beijingDayStart(query.from).toISOString(),
      toIso: beijingDayStart(to, 1).toISOString(),
      period: { from: query.from, to },
    }
  }
  const fromIso = new Date(now.getTime() - (query.days ?? DEFAULT_DAYS) * DAY).toISOString()
  // A rolling window ends now, inclusive: a send made this very millisecond counts.
  const toIso = new Date(now.getTime() + 1).toISOString()
  return { fromIso, toIso, period: { from: beijingDate(fromIso), to: beijingDate(now.toISOString()) } }
}

/**
 * Results the middle office is assessed on, within the viewer's scope (the dashboard's `resolveScope`: a supervisor
 * their branch subtree's sends, the middle office the whole bank; `branchId` narrows to a branch inside it), per item
 * (all versions of a root), per author of the version sent and per branch under the scope's node: sends, unique
 * recipients, opens and open rate (news cards only), 我想咨询 inquiries, and conversions by the one attribution rule
 * (server/lib/purchase-credit.ts): each purchase credited to the last tracked send before it within 14 days, so to at
 * most one send.
 */
export async function contentResults(
  ctx: AppContext,
  viewer: SessionStaff,
  query: ResultsQueryT,
): Promise<ContentResults> {
  const db = ctx.db.kysely
  const { fromIso, toIso, period } = periodOf(query, ctx.now())
  const scope = await resolveScope(db, viewer, query.branchId)
  const sends = await sendsOfBranches(db, scope.branchIds, fromIso, toIso)
  const { opens, inquiries } = await trackingCountsSince(db, fromIso)
  const credits = await creditsOfSends(db, fromIso, toIso)

  const byItem = new Map<number, Acc>()
  const byAuthor = new Map<string, Acc>()
  const byBranch = new Map<string, Acc>()
  const into = <K>(map: Map<K, Acc>, key: K) => map.get(key) ?? map.set(key, acc()).get(key)!
  for (const s of sends) {
    const branchKey = scope.childOf.get(s.branch_id) ?? scope.node.id
    for (const a of [into(byItem, Number(s.root_id)), into(byAuthor, s.author_staff_id), into(byBranch, branchKey)]) {
      a.sends++
      a.recipients.add(s.external_userid ?? `chat:${s.chat_id}`)
      if (s.msgtype === 'news') a.trackable++
      a.opens += opens.get(s.id) ?? 0
      if (opens.get(s.id)) a.opened++
      a.inquiries += inquiries.get(s.id) ?? 0
      a.conversions += credits.get(s.id)?.credited ?? 0
    }
  }
  const titles = await latestTitles(db, [...byItem.keys()])
  const names = await staffNames(db, byAuthor.keys())
  const branchNames = new Map([...scope.children, scope.node].map((b) => [b.id, b.name]))
  branchNames.set(scope.node.id, `${scope.node.name}（本级）`)
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
    period,
    scope: {
      branchId: scope.node.id,
      branchName: scope.node.name,
      wholeBank: scope.node.parentId === null,
      breadcrumb: scope.breadcrumb.map((b) => ({ id: b.id, name: b.name })),
    },
    items: sort([...byItem].map(([root, a]) => row(String(root), titles.get(root) ?? `#${root}`, a))),
    authors: sort([...byAuthor].map(([id, a]) => row(id, names.get(id) ?? id, a))),
    branches: sort([...byBranch].map(([id, a]) => row(id, branchNames.get(id) ?? id, a))),
  }
}
