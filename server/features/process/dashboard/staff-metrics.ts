import type { Kysely } from 'kysely'
import type { ProcessNumbers } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import type { StaffMetric } from '../rollups/metrics.js'
import { behaviourTotalsByStaff } from '../behaviour.repository.js'
import { daysBetween } from '../days.js'
import { sumMetricsByStaff } from '../staff-daily.repository.js'
import { assignmentsOverlappingByStaff } from '../tasks/assignments.repository.js'
import { cohortCounts } from './cohorts.js'

export type { ProcessNumbers }

export const emptyNumbers = (): ProcessNumbers => ({
  friendRequests: 0,
  friendRequestTarget: 0,
  newContacts: 0,
  negativeFeedback: 0,
  chats: 0,
  replyRate: null,
  replyMinutes: null,
  linksSent: 0,
  linksOpened: 0,
  verified: 0,
  verifiedWithoutLink: 0,
  staffAddsAccepted: 0,
  tasksAssigned: 0,
  tasksDone: 0,
  contentSent: 0,
  repliesUsed: 0,
  escalationsRaised: 0,
  contactsAdded: 0,
  contactsLost: 0,
})

const FROM_ROLLUP: Partial<Record<StaffMetric, keyof ProcessNumbers>> = {
  content_sent: 'contentSent',
  replies_used: 'repliesUsed',
  escalations_raised: 'escalationsRaised',
  contacts_added: 'contactsAdded',
  contacts_lost: 'contactsLost',
}

/** Per staff userid: rollups, cohorts, behaviour data and tasks for [from, to]. Never reads the raw event log. */
export async function processNumbers(
  db: Kysely<Database>,
  userids: string[],
  from: string,
  to: string,
): Promise<Map<string, ProcessNumbers>> {
  const out = new Map(userids.map((u) => [u, emptyNumbers()]))
  if (!userids.length) return out
  const rollups = await sumMetricsByStaff(db, userids, from, to)
  for (const r of rollups) {
    const key = FROM_ROLLUP[r.metric as StaffMetric]
    if (key) (out.get(r.staff_userid)![key] as number) = Number(r.n)
  }
  const behaviour = await behaviourTotalsByStaff(db, userids, from, to)
  for (const b of behaviour) {
    const n = out.get(b.staff_userid)!
    Object.assign(n, {
      friendRequests: Number(b.apply),
      negativeFeedback: Number(b.negative),
      chats: Number(b.chats),
    })
    n.replyRate = n.chats ? round1(Number(b.rateW) / n.chats) : null
    n.replyMinutes = n.chats ? round1(Number(b.minutesW) / n.chats) : null
  }
  for (const [userid, c] of await cohortCounts(db, userids, from, to)) Object.assign(out.get(userid)!, c)
  await addTasks(db, out, userids, from, to)
  return out
}

/** Tasks whose window overlaps the period; friend-add targets prorated to the overlapping days. */
async function addTasks(
  db: Kysely<Database>,
  out: Map<string, ProcessNumbers>,
  userids: string[],
  from: string,
  to: string,
) {
  const rows = await assignmentsOverlappingByStaff(db, userids, from, to)
  for (const r of rows) {
    const n = out.get(r.staff_userid)!
    n.tasksAssigned++
    if (r.status === 'done') n.tasksDone++
    if (r.kind === 'friend_add') {
      const perDay = Number((JSON.parse(r.payload) as { perDay?: number }).perDay ?? 0)
      const days = daysBetween(r.start_date > from ? r.start_date : from, r.due_date < to ? r.due_date : to) + 1
      n.friendRequestTarget += perDay * days
    }
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** Sums several members' numbers; reply figures chat-weighted as WeCom does for several ids. */
export function sumNumbers(list: ProcessNumbers[]): ProcessNumbers {
  const total = emptyNumbers()
  let rateW = 0
  let minutesW = 0
  for (const n of list) {
    for (const k of Object.keys(total) as (keyof ProcessNumbers)[])
      if (k !== 'replyRate' && k !== 'replyMinutes') (total[k] as number) += n[k] as number
    if (n.replyRate !== null) rateW += n.replyRate * n.chats
    if (n.replyMinutes !== null) minutesW += n.replyMinutes * n.chats
  }
  total.replyRate = total.chats ? round1(rateW / total.chats) : null
  total.replyMinutes = total.chats ? round1(minutesW / total.chats) : null
  return total
}
