import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { friendRequestsByDay } from '../behaviour.repository.js'
import { addDays } from '../days.js'
import { sumMetricsByDay } from '../staff-daily.repository.js'

export interface TrendPoint {
  day: string
  friendRequests: number
  newContacts: number
  linksSent: number
  verified: number
}

/**
 * Daily series for the chart: the period's days, or the last 14 days for a single day. Each point counts events
 * of that day (links sent, verifications, adds), unlike the funnel's cohort; new contacts are our adds, as in the table.
 */
export async function trend(db: Kysely<Database>, userids: string[], from: string, to: string): Promise<TrendPoint[]> {
  const start = from === to ? addDays(to, -13) : from
  const points = new Map<string, TrendPoint>()
  for (let d = start; d <= to; d = addDays(d, 1))
    points.set(d, { day: d, friendRequests: 0, newContacts: 0, linksSent: 0, verified: 0 })
  if (!userids.length) return [...points.values()]
  const rollups = await sumMetricsByDay(db, userids, ['links_sent', 'verified', 'contacts_added'], start, to)
  for (const r of rollups) {
    const p = points.get(r.day)
    const key = ({ links_sent: 'linksSent', verified: 'verified', contacts_added: 'newContacts' } as const)[
      r.metric as 'links_sent' | 'verified' | 'contacts_added'
    ]
    if (p && key) p[key] = Number(r.n)
  }
  const behaviour = await friendRequestsByDay(db, userids, start, to)
  for (const b of behaviour) {
    const p = points.get(b.day)
    if (p) p.friendRequests = Number(b.apply)
  }
  return [...points.values()]
}
