import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import { notFound } from '../../lib/errors.js'
import { liveSql } from '../review/index.js'
import type { WelcomeMessagesTable, WelcomeResult, WelcomeSendsTable } from './welcome.table.js'

type Q = Kysely<Database>
export type WelcomeMessageRow = Selectable<WelcomeMessagesTable>
export type WelcomeSendRow = Selectable<WelcomeSendsTable>

export async function listMessages(db: Q): Promise<WelcomeMessageRow[]> {
  return db.selectFrom('welcome_messages').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').execute()
}

export async function findMessage(db: Q, id: number): Promise<WelcomeMessageRow> {
  const row = await db.selectFrom('welcome_messages').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('欢迎语')
  return row
}

/** The live message for a member: their branch's own, else the default (branch_id null); newest approval wins. */
export async function liveMessageFor(db: Q, staffUserid: string, now: Date): Promise<WelcomeMessageRow | undefined> {
  const staff = await db
    .selectFrom('staff')
    .select('branch_id')
    .where('wecom_userid', '=', staffUserid)
    .executeTakeFirst()
  const live = await db
    .selectFrom('welcome_messages')
    .selectAll()
    .where(liveSql('welcome_messages', now))
    .where((eb) =>
      staff?.branch_id
        ? eb.or([eb('branch_id', 'is', null), eb('branch_id', '=', staff.branch_id)])
        : eb('branch_id', 'is', null),
    )
    .orderBy('approved_at', 'desc')
    .execute()
  return live.find((m) => m.branch_id !== null) ?? live[0]
}

/** Claims a WelcomeCode; false when it was already handled (a redelivered or retried callback). */
export async function claimCode(db: Q, row: Omit<WelcomeSendsTable, 'id'>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('welcome_sends')
    .values(row)
    .onConflict((oc) => oc.column('welcome_code').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted ? Number(inserted.id) : undefined
}

export async function recordResult(
  db: Q,
  id: number,
  result: WelcomeResult,
  failure: { errcode?: number | null; error?: string | null } = {},
): Promise<void> {
  await db
    .updateTable('welcome_sends')
    .set({ result, errcode: failure.errcode ?? null, error: failure.error ?? null })
    .where('id', '=', id)
    .execute()
}

export async function recentSends(db: Q, limit: number): Promise<WelcomeSendRow[]> {
  return db
    .selectFrom('welcome_sends')
    .selectAll()
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function listBranches(db: Q): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('branches').select(['id', 'name']).where('level', '!=', 'head').orderBy('name').execute()
}

export async function branchExists(db: Q, id: string): Promise<boolean> {
  const branch = await db.selectFrom('branches').select('id').where('id', '=', id).executeTakeFirst()
  return branch !== undefined
}

/** Names of the staff members with these WeCom userids. */
export async function listStaffNamesByUserid(
  db: Q,
  userids: string[],
): Promise<{ wecom_userid: string | null; name: string }[]> {
  return db.selectFrom('staff').select(['wecom_userid', 'name']).where('wecom_userid', 'in', userids).execute()
}
