import type { Kysely } from 'kysely'
import type { Guidance } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import { SEGMENT_NAMES } from '../labels.js'
import type { CoverageRow } from './coverage.js'
import type { ScopedStaff } from '../staff.repository.js'
import type { ProcessNumbers } from './staff-metrics.js'
import { groupBy } from '../../../lib/collections.js'
import { openedLinksToLiveContacts, openSendTasksByStaff } from './guidance.repository.js'

const REPLY_RATE_FLOOR = 80
const REPLY_MINUTES_CEILING = 30
const HIGH_VALUE = ['private', 'wealth'] as const

export interface StaffFacts {
  staff: ScopedStaff
  numbers: ProcessNumbers
  coverage: CoverageRow[]
  openTasks: { id: string; title: string; kind: string }[]
  openedNotVerified: OpenedLinks
  /** VERIFY_LINK_TTL_HOURS: what the guidance promises about a link's lifetime. */
  linkTtlHours: number
}
export interface OpenedLinks {
  /** still valid: the customer can finish in the chat */
  valid: number
  /** expired: only a new link helps */
  expired: number
}

/**
 * For each lagging metric of a staff member: what is behind, the concrete next action and its material — an
 * action that can be done: a link only goes to a WeCom friend, an expired link is sent again, not recalled.
 */
export function guidanceFor(f: StaffFacts): Guidance[] {
  const out: Guidance[] = []
  const who = { staffUserid: f.staff.userid, staffName: f.staff.name }
  for (const t of f.openTasks) {
    const verb = t.kind === 'moment' ? '发布' : t.kind === 'mass_send' ? '确认发送' : '完成'
    out.push({
      ...who,
      metric: 'tasks',
      message: `任务「${t.title}」尚未${verb}`,
      action: `在企业微信中${verb}该任务`,
      target: { kind: 'task', taskId: t.id },
    })
  }
  for (const segment of HIGH_VALUE) {
    const c = f.coverage.find((r) => r.segment === segment)
    const missing = c ? c.owned - c.covered : 0
    if (missing > 0) {
      out.push({
        ...who,
        metric: 'coverage',
        message: `名下 ${missing} 位${SEGMENT_NAMES[segment]}客户尚未在企业微信完成认证`,
        action: `查看名单：已是企业微信好友的，在聊天中发送实名认证链接（${f.linkTtlHours} 小时内有效）；尚未添加的，先邀请客户添加企业微信`,
        target: { kind: 'uncovered', segment },
      })
    }
  }
  const n = f.numbers
  if (n.friendRequestTarget > 0 && n.friendRequests < n.friendRequestTarget) {
    out.push({
      ...who,
      metric: 'friend_requests',
      message: `好友请求 ${n.friendRequests} / 目标 ${n.friendRequestTarget}`,
      action: `还差 ${n.friendRequestTarget - n.friendRequests} 个：优先添加名下未加企业微信的客户`,
      target: { kind: 'uncovered', segment: 'private' },
    })
  }
  const { valid, expired } = f.openedNotVerified
  if (valid > 0) {
    out.push({
      ...who,
      metric: 'funnel',
      message: `${valid} 位客户打开了认证链接但未完成，链接仍有效`,
      action: `在聊天中提醒客户完成认证（链接发出后 ${f.linkTtlHours} 小时内有效）`,
      target: { kind: 'contacts' },
    })
  }
  if (expired > 0) {
    out.push({
      ...who,
      metric: 'funnel',
      message: `${expired} 位客户打开了认证链接但未完成，链接已过期`,
      action: `重新发送实名认证链接（${f.linkTtlHours} 小时内有效），并提醒客户及时完成`,
      target: { kind: 'contacts' },
    })
  }
  if (n.replyRate !== null && (n.replyRate < REPLY_RATE_FLOOR || (n.replyMinutes ?? 0) > REPLY_MINUTES_CEILING)) {
    out.push({
      ...who,
      metric: 'reply',
      message: `回复率 ${n.replyRate}%，平均回复 ${n.replyMinutes} 分钟`,
      action: '先处理未回复的会话；常见问题用话术库，答不上来就「问中台」',
      target: { kind: 'replies' },
    })
  }
  return out
}

/**
 * Links opened but not (yet) verified in the period, per staff member, split by whether the link still
 * works at `nowIso` — only to customers who are still the member's WeCom friends (nothing can be sent otherwise).
 */
export async function openedNotVerified(
  db: Kysely<Database>,
  userids: string[],
  fromIso: string,
  toIso: string,
  nowIso: string,
): Promise<Map<string, OpenedLinks>> {
  if (!userids.length) return new Map()
  const rows = await openedLinksToLiveContacts(db, userids, fromIso, toIso, nowIso)
  return new Map(rows.map((r) => [r.staff_userid, { valid: Number(r.valid), expired: Number(r.n) - Number(r.valid) }]))
}

/** Open moment and mass-send assignments already started, per staff member. */
export async function openTasks(
  db: Kysely<Database>,
  userids: string[],
  today: string,
): Promise<Map<string, StaffFacts['openTasks']>> {
  if (!userids.length) return new Map()
  const rows = await openSendTasksByStaff(db, userids, today)
  return groupBy(
    rows,
    (r) => r.staff_userid,
    (r) => ({ id: r.id, title: r.title, kind: r.kind }),
  )
}
