import type { Kysely } from 'kysely'
import type { MassPreview } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import { daysInMonth, monthOf } from '../days.js'
import type { ScopedStaff } from '../staff.repository.js'
import { countMonthTasksByRecipient, liveContactsInSegments } from './mass-recipients.repository.js'
import { listOptedOut } from '../../consent/index.js'
import { filterByTags } from '../../tags/index.js'

export interface Recipient {
  staffUserid: string
  externalUserid: string
}

/** Each assignee's live contacts whose verified customer is in one of the segments. */
export async function massRecipients(
  db: Kysely<Database>,
  assignees: ScopedStaff[],
  segments: string[],
): Promise<Recipient[]> {
  if (!assignees.length || !segments.length) return []
  const rows = await liveContactsInSegments(
    db,
    assignees.map((a) => a.userid),
    segments,
  )
  return rows.map((r) => ({ staffUserid: r.staff_userid, externalUserid: r.external_userid }))
}

/**
 * WeCom lets each customer receive at most "days in the month" mass messages a month (facts §2.4).
 * Counts what our tasks already addressed to each recipient this month; those at the cap would be refused.
 */
export async function overCap(db: Kysely<Database>, recipients: Recipient[], day: string): Promise<Set<string>> {
  const month = monthOf(day)
  const cap = daysInMonth(day)
  const ids = [...new Set(recipients.map((r) => r.externalUserid))]
  const out = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await countMonthTasksByRecipient(db, month, ids.slice(i, i + 500))
    for (const r of rows) if (Number(r.n) >= cap) out.add(r.external_userid)
  }
  return out
}

export async function previewMass(
  db: Kysely<Database>,
  assignees: ScopedStaff[],
  filter: { segments: string[]; tagIds?: readonly string[] },
  day: string,
): Promise<MassPreview & { list: Recipient[]; blocked: Set<string> }> {
  const inSegments = await massRecipients(db, assignees, filter.segments)
  const everyone = await filterByTags(db, inSegments, filter.tagIds ?? [])
  // A customer who asked not to receive marketing is no recipient of a mass send (群发 is marketing).
  const optedOut = await listOptedOut(db, [...new Set(everyone.map((r) => r.externalUserid))])
  const list = everyone.filter((r) => !optedOut.has(r.externalUserid))
  const blocked = await overCap(db, list, day)
  return {
    assignees: assignees.length,
    recipients: list.length,
    optedOut: everyone.length - list.length,
    withoutTags: inSegments.length - everyone.length,
    overCap: list.filter((r) => blocked.has(r.externalUserid)).length,
    capPerMonth: daysInMonth(day),
    month: monthOf(day),
    list,
    blocked,
  }
}
