import type { CreateFollowup, DueFollowup, Followup, FollowupList } from '../../contracts/followups.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { maskNumbersInText } from '../../lib/masking.js'
import { recordAudit } from '../audit/index.js'
import { requireOwnContact } from '../wecom/index.js'
import { insertFollowup, listDueFollowups, listFollowups, type FollowupRow } from './followups.repository.js'

const toDto = (row: FollowupRow, me: SessionStaff): Followup => ({
  id: row.id,
  note: row.note,
  nextOn: row.next_on,
  createdAt: row.created_at,
  staffName: row.staff_name ?? row.staff_userid,
  mine: row.staff_userid === me.userid,
})

/** The manager's view of a contact's notes: their own relation only (403 NOT_YOUR_CONTACT otherwise). */
export async function getFollowups(ctx: AppContext, me: SessionStaff, externalUserId: string): Promise<FollowupList> {
  const db = ctx.db.kysely
  await requireOwnContact(db, me.userid, externalUserId)
  return { items: (await listFollowups(db, externalUserId)).map((row) => toDto(row, me)) }
}

/** Saves a note with ID, phone and card numbers masked, and audits who wrote about whom. */
export async function addFollowup(
  ctx: AppContext,
  me: SessionStaff,
  externalUserId: string,
  body: CreateFollowup,
  ip: string | undefined,
): Promise<Followup> {
  const db = ctx.db.kysely
  await requireOwnContact(db, me.userid, externalUserId)
  const note = maskNumbersInText(body.note)
  const now = ctx.now()
  const id = await insertFollowup(db, {
    externalUserid: externalUserId,
    staffUserid: me.userid,
    note,
    nextOn: body.nextOn ?? null,
    at: now,
  })
  await recordAudit(
    db,
    {
      actorStaffId: me.id,
      action: 'followup.create',
      target: `contact:${externalUserId}`,
      outcome: 'allowed',
      ip,
      detail: { followupId: id, masked: note !== body.note },
    },
    now,
  )
  return { id, note, nextOn: body.nextOn ?? null, createdAt: now.toISOString(), staffName: me.name, mine: true }
}

/** 跟进提醒 for the manager's to-do: due follow-ups on their own contacts. */
export async function dueFollowups(ctx: AppContext, me: SessionStaff, day: string): Promise<DueFollowup[]> {
  return (await listDueFollowups(ctx.db.kysely, me.userid, day)).map((r) => ({
    externalUserId: r.external_userid,
    name: r.name,
    nextOn: r.next_on ?? day,
    note: r.note,
  }))
}
