import type { Kysely } from 'kysely'
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
import { branchSubtreeIds, listStaffOfBranches } from '../org/index.js'
import { countAuditEntries, listAuditEntries } from './audit-log.repository.js'

const EXPORT_CAP = 50_000
/** Staff of the viewer's branch and every branch below it, inactive ones included (their past views still count). */
async function staffInScope(db: Kysely<Database>, viewer: SessionStaff) {
  const branches = await branchSubtreeIds(db, viewer.branchId)
  return listStaffOfBranches(db, branches)
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
  const rows = await listAuditEntries(db, staffIds, q, limit, offset)
  return rows.map(entryOf)
}

/** Who of the supervisor's staff looked at which contact or customer, newest first, one page. */
export async function auditPage(db: Kysely<Database>, viewer: SessionStaff, q: AuditQueryT): Promise<AuditPage> {
  const staff = await staffInScope(db, viewer)
  const ids = staff.map((s) => s.id)
  const n = await countAuditEntries(db, ids, q)
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
