import { sql, type Kysely } from 'kysely'
import type { AuditQueryT } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

const beijingDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString()
const likeEscape = (s: string) => s.replace(/[!%_]/g, '!$&')

function filtered(db: Q, staffIds: string[], q: AuditQueryT) {
  let query = db
    .selectFrom('audit_log as a')
    .innerJoin('staff as s', 's.id', 'a.actor_staff_id')
    .where('a.actor_staff_id', 'in', staffIds.length ? staffIds : [''])
  if (q.staffId) query = query.where('a.actor_staff_id', '=', q.staffId)
  if (q.target) query = query.where(sql<boolean>`a.target like ${`%${likeEscape(q.target)}%`} escape '!'`)
  if (q.from) query = query.where('a.at', '>=', beijingDayStart(q.from))
  if (q.to) query = query.where('a.at', '<', beijingDayStart(q.to, 1))
  return query
}

/** How many audit entries of these staff match the filter. */
export async function countAuditEntries(db: Q, staffIds: string[], q: AuditQueryT): Promise<number> {
  const { n } = await filtered(db, staffIds, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** One page of the matching audit entries with the actor's name, newest first. */
export async function listAuditEntries(db: Q, staffIds: string[], q: AuditQueryT, limit: number, offset: number) {
  return filtered(db, staffIds, q)
    .select([
      'a.id',
      'a.at',
      'a.actor_staff_id as staffId',
      's.name as staffName',
      'a.action',
      'a.target',
      'a.outcome',
      'a.ip',
      'a.detail',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}
