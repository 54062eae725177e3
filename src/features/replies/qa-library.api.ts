import type { QaImportResult, QaItem, QaItemInput, QaTopic } from '@contracts/replies'
import type { ComplianceFindingDto, ReviewStatus } from '@contracts/review'
import { http } from '@/shared/http'

export interface QaListFilter {
  q?: string
  status?: ReviewStatus
  topic?: QaTopic
}

/** One page of the library (the server caps a page at 200 rows; `total` counts every match). */
export async function fetchQaItems(
  filter: QaListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: QaItem[]; total: number }> {
  return (await http.get<{ items: QaItem[]; total: number }>('/console/qa', { params: { ...filter, ...page } })).data
}

export async function createQaItem(body: QaItemInput): Promise<QaItem> {
  return (await http.post<QaItem>('/console/qa', body)).data
}

export async function updateQaItem(id: number, body: QaItemInput): Promise<QaItem> {
  return (await http.put<QaItem>(`/console/qa/${id}`, body)).data
}

export async function submitQaItem(id: number): Promise<{ item: QaItem; warnings: ComplianceFindingDto[] }> {
  return (await http.post<{ item: QaItem; warnings: ComplianceFindingDto[] }>(`/console/qa/${id}/submit`)).data
}

export async function approveQaItem(id: number, validUntil: string): Promise<QaItem> {
  return (await http.post<QaItem>(`/console/qa/${id}/approve`, { validUntil })).data
}

export async function rejectQaItem(id: number, reason: string): Promise<QaItem> {
  return (await http.post<QaItem>(`/console/qa/${id}/reject`, { reason })).data
}

export async function retireQaItem(id: number, reason: string): Promise<QaItem> {
  return (await http.post<QaItem>(`/console/qa/${id}/retire`, { reason })).data
}

/** Uploads a .csv or .xlsx file as it is; the server reads it by its name's extension. */
export async function importQaFile(file: File): Promise<QaImportResult> {
  const headers = { 'Content-Type': file.type || 'application/octet-stream' }
  return (await http.post<QaImportResult>('/console/qa/import', file, { params: { filename: file.name }, headers }))
    .data
}

export const qaExportUrl = (format: 'csv' | 'xlsx') => `/api/console/qa/export?format=${format}`
