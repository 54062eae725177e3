import { sql, type Kysely } from 'kysely'
import {
  AUDIT_ACTION_LABELS,
  revealNote,
  type AuditEntry,
  type AuditPage,
  type AuditQueryT,
} from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import { toCsv } from '../../lib/csv.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { branchSubtreeIds } from '../org/index.js'

const EXPORT_CAP = 50_000
const beijingDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString()
const likeEscape = (s: string) => s.replace(/[!%_]/g, '!$&')

/** Staff of the viewer's branch and every branch below it, inactive ones included (their past views still count). */
async function staffInScope(db: Kysely<Database>, viewer: SessionStaff) {
  const branches = await branchSubtreeIds(db, viewer.branchId)
  return db.selectFrom('staff').select(['id', 'name']).where('branch_id', 'in', branches).orderBy('id').execute()
}

function filtered(db: Kysely<Database>, staffIds: string[], q: AuditQueryT) {
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

function entryOf(r: {
  id: number
  at: string
  staffId: string | null
  staffName: string
  action: string
  target: string
  outcome: 'allowed' | 'denied'
  ip: string | null
  detail: string
}): AuditEntry {
  const detail = JSON.parse(r.detail) as { cifNo?: unknown; field?: unknown; reason?: unknown; note?: unknown }
  return {
    id: Number(r.id),
    at: r.at,
    staffId: r.staffId ?? '',
    staffName: r.staffName,
    action: r.action,
    target: r.target,
    cifNo: typeof detail.cifNo === 'string' ? detail.cifNo : null,
    outcome: r.outcome,
    ip: r.ip,
    note: revealNote(detail),
  }
}

async function entries(
  db: Kysely<Database>,
  staffIds: string[],
  q: AuditQueryT,
  limit: number,
  offset: number,
): Promise<AuditEntry[]> {
  const rows = await filtered(db, staffIds, q)
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
  return rows.map(entryOf)
}

/** Who of the supervisor's staff looked at which contact or customer, newest first, one page. */
export async function auditPage(db: Kysely<Database>, viewer: SessionStaff, q: AuditQueryT): Promise<AuditPage> {
  const staff = await staffInScope(db, viewer)
  const ids = staff.map((s) => s.id)
  const { n } = await filtered(db, ids, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return {
    entries: await entries(db, ids, q, q.pageSize, (q.page - 1) * q.pageSize),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
    staff,
  }
}

/** The same entries as CSV for Excel (every page, up to a cap). */
export async function auditCsv(db: Kysely<Database>, viewer: SessionStaff, q: AuditQueryT): Promise<string> {
  const ids = (await staffInScope(db, viewer)).map((s) => s.id)
  const rows = await entries(db, ids, q, EXPORT_CAP, 0)
  return toCsv([
    ['时间', '员工编号', '员工', '操作', '对象', '客户号', '结果', 'IP', '说明'],
    ...rows.map((e) => [
      e.at,
      e.staffId,
      e.staffName,
      AUDIT_ACTION_LABELS[e.action] ?? e.action,
      e.target,
      e.cifNo ?? '',
      e.outcome === 'allowed' ? '允许' : '拒绝',
      e.ip ?? '',
      e.note ?? '',
    ]),
  ])
}
