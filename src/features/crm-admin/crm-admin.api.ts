import type { CrmOverview, CrmRun, CrmRunDetail, WecomMapping } from '@contracts/crm'
import { http } from '@/shared/http'

/** Sends the file itself as the body (no multipart); big files take a while, hence the long timeout. */
export async function uploadCrmFile(file: File, dryRun: boolean): Promise<CrmRunDetail> {
  const res = await http.post<CrmRunDetail>('/crm/imports', file, {
    params: { filename: file.name, dryRun: dryRun ? '1' : '0' },
    headers: { 'Content-Type': 'application/octet-stream' },
    timeout: 10 * 60_000,
  })
  return res.data
}

export async function fetchCrmRuns(): Promise<CrmRun[]> {
  return (await http.get<{ runs: CrmRun[] }>('/crm/runs')).data.runs
}

export async function fetchCrmRun(id: string): Promise<CrmRunDetail> {
  return (await http.get<CrmRunDetail>(`/crm/runs/${id}`)).data
}

export async function fetchCrmOverview(): Promise<CrmOverview> {
  return (await http.get<CrmOverview>('/crm/overview')).data
}

export async function startCrmSync(): Promise<string> {
  return (await http.post<{ runId: string }>('/crm/sync')).data.runId
}

export async function fetchWecomMapping(): Promise<WecomMapping> {
  return (await http.get<WecomMapping>('/crm/wecom-mapping')).data
}

/** Plain links: the browser downloads them with the session cookie. */
export const errorReportUrl = (runId: string) => `/api/crm/runs/${runId}/errors.csv`
export const sampleUrl = (entity: string) => `/api/crm/samples/${entity}.csv`
