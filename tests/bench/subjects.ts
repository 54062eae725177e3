import { sql } from 'kysely'
import type { Config } from '../../server/config.js'
import type { Db } from '../../server/db/connect.js'
import { SESSION_COOKIE } from '../../server/features/auth/session-cookie.js'
import { createSession } from '../../server/features/auth/sessions.repository.js'

export interface Manager {
  staffId: string
  userid: string
  cookie: string
  contacts: string[]
}

export interface Subjects {
  /** The front-office manager with the largest book, and a sample of their live contacts. */
  busiest: Manager
  /** Every active front-office manager with a few contacts (reply suggestions are rate-limited per manager). */
  managers: Manager[]
  branchSupervisor: { cookie: string; branchId: string }
  headOffice: { cookie: string }
}

/** A session cookie exactly as the OAuth callback issues it (a server-side session row). */
export async function sessionCookie(db: Db, staffId: string): Promise<string> {
  return `${SESSION_COOKIE}=${await createSession(db.kysely, staffId, new Date(), 12 * 3600_000)}`
}

async function liveContacts(db: Db, userid: string, limit: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('wecom_contacts')
    .select('external_userid')
    .where('staff_userid', '=', userid)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.external_userid)
}

export async function pickSubjects(db: Db, _config: Config): Promise<Subjects> {
  const books = await db.kysely
    .selectFrom('wecom_contacts as wc')
    .innerJoin('staff', 'staff.wecom_userid', 'wc.staff_userid')
    .select(['staff.id as staffId', 'wc.staff_userid as userid', (eb) => eb.fn.countAll<number>().as('n')])
    .where('staff.role', '=', 'front')
    .where('staff.active', '=', 1)
    .where('wc.deleted_at', 'is', null)
    .groupBy(['staff.id', 'wc.staff_userid'])
    .orderBy(sql`count(*)`, 'desc')
    .execute()
  if (!books.length) throw new Error('no front-office manager with contacts in the bench bank')
  const managers: Manager[] = []
  for (const b of books)
    managers.push({
      staffId: b.staffId,
      userid: b.userid,
      cookie: await sessionCookie(db, b.staffId),
      contacts: await liveContacts(db, b.userid, 20),
    })
  const busiest = { ...managers[0]!, contacts: await liveContacts(db, books[0]!.userid, 5000) }
  const supervisor = await db.kysely
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.id', 'staff.branch_id'])
    .where('staff.role', '=', 'supervisor')
    .where('branches.level', '=', 'branch')
    .where('staff.active', '=', 1)
    .orderBy('staff.id')
    .executeTakeFirstOrThrow()
  const middle = await db.kysely
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'middle')
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  return {
    busiest,
    managers,
    branchSupervisor: { cookie: await sessionCookie(db, supervisor.id), branchId: supervisor.branch_id },
    headOffice: { cookie: await sessionCookie(db, middle.id) },
  }
}
