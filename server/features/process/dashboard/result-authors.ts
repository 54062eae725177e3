import type { Kysely } from 'kysely'
import type { ResultsView } from '../../../contracts/process.js'
import type { Database } from '../../../db/database.js'
import { namesOf, useridsOfStaffIds } from '../staff.repository.js'
import { escalationAnswersByStaff } from './results.repository.js'

/** Content results summed per author, plus escalation answers per answerer (the middle office's own results). */
export async function authorRows(
  db: Kysely<Database>,
  content: ResultsView['content'],
  items: { id: number; author_staff_id: string }[],
  period: { from: string; to: string },
) {
  const answered = await escalationAnswersByStaff(db, period.from, period.to)
  const out = new Map<string, ResultsView['authors'][number]>()
  const names = await namesOf(
    db,
    items.map((i) => i.author_staff_id),
  )
  const userids = await useridsOfStaffIds(db, items.length ? items.map((i) => i.author_staff_id) : ['-'])
  const row = (userid: string, name: string) =>
    out.get(userid) ?? {
      staffUserid: userid,
      name,
      items: 0,
      sent: 0,
      opened: 0,
      inquiries: 0,
      answered: 0,
      answerMinutes: null,
    }
  for (const c of content) {
    const item = items.find((i) => `content:${i.id}` === c.ref)
    const userid = item && userids.find((u) => u.id === item.author_staff_id)?.wecom_userid
    if (!item || !userid) continue
    const r = row(userid, names.get(item.author_staff_id) ?? userid)
    Object.assign(r, {
      items: r.items + 1,
      sent: r.sent + c.sent,
      opened: r.opened + c.opened,
      inquiries: r.inquiries + c.inquiries,
    })
    out.set(userid, r)
  }
  for (const a of answered) {
    const r = row(a.staff_userid, a.name)
    if (a.metric === 'escalations_answered') r.answered = Number(a.n)
    else r.answerMinutes = Number(a.n)
    out.set(a.staff_userid, r)
  }
  for (const r of out.values())
    r.answerMinutes = r.answered && r.answerMinutes !== null ? Math.round(r.answerMinutes / r.answered) : null
  return [...out.values()]
}
