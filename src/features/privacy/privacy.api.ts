import type { AuditPage, AuditQueryT } from '@contracts/privacy'
import { http } from '@/shared/http'

export type AuditFilters = Partial<Pick<AuditQueryT, 'staffId' | 'target' | 'from' | 'to'>>

/** Drops empty filters so the server's defaults apply. */
const paramsOf = (f: AuditFilters & { page?: number; pageSize?: number }) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''))

export async function fetchAuditPage(filters: AuditFilters, page: number, pageSize: number): Promise<AuditPage> {
  return (await http.get<AuditPage>('/privacy/audit', { params: paramsOf({ ...filters, page, pageSize }) })).data
}

/** A plain link: the browser downloads it with the session cookie. */
export const auditCsvUrl = (filters: AuditFilters) =>
  `/api/privacy/audit.csv?${new URLSearchParams(paramsOf(filters) as Record<string, string>)}`
