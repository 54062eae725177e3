import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'
import type { SessionStaff } from '../../lib/express-types.js'

type Q = Kysely<Database>

/** The table keeps a hash, so a copy of the database holds no usable cookie. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Starts a session and returns the token for the cookie. */
export async function createSession(db: Q, staffId: string, now: Date, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const nowMs = now.getTime()
  await db
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), staff_id: staffId, created_at: nowMs, expires_at: nowMs + ttlMs })
    .execute()
  // Sign-ins are rare next to requests: sweeping here keeps the table to live sessions without a timer.
  await db.deleteFrom('sessions').where('expires_at', '<=', nowMs).execute()
  return token
}

// Every signed-in request runs this: one primary-key lookup joined to the staff row it re-reads anyway.
const liveSession = preparedQuery<{ id: string; now: number }, SessionStaff>((db, param) =>
  db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select(['staff.id', 'staff.wecom_userid as userid', 'staff.name', 'staff.role', 'staff.branch_id as branchId'])
    .where('sessions.id', '=', param('id'))
    .where('sessions.expires_at', '>', param('now'))
    .where('staff.active', '=', 1)
    .where('staff.wecom_userid', 'is not', null)
    .$narrowType<{ userid: string }>(),
)

/** The staff member behind a live session token, or undefined. */
export function findSessionStaff(db: Q, token: string, now: Date): Promise<SessionStaff | undefined> {
  return liveSession.executeTakeFirst(db, { id: sessionIdOf(token), now: now.getTime() })
}

/** Ends one session (logout). */
export async function endSession(db: Q, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute()
}

/** Ends every session of a staff member; returns how many. */
export async function endStaffSessions(db: Q, staffId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('staff_id', '=', staffId).executeTakeFirst()
  return Number(r.numDeletedRows)
}
