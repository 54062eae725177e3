import type {
  ContentDetail,
  ContentItem,
  ContentItemInput,
  ContentKind,
  ContentTopic,
  CsvRowError,
  ContentResults,
  ResultsQueryT,
  SeriesSummary,
} from '@contracts/content'
import type { ComplianceFindingDto, ReviewStatus } from '@contracts/review'
import { http } from '@/shared/http'

export interface ContentFilter {
  status?: ReviewStatus
  topic?: ContentTopic
  kind?: ContentKind
  expiring?: '1'
  q?: string
}

export async function fetchContentItems(filter: ContentFilter): Promise<ContentItem[]> {
  return (await http.get<{ items: ContentItem[] }>('/content/items', { params: filter })).data.items
}
export async function fetchContentDetail(id: number): Promise<ContentDetail> {
  return (await http.get<ContentDetail>(`/content/items/${id}`)).data
}
export async function createContentItem(body: ContentItemInput): Promise<{ id: number }> {
  return (await http.post<{ id: number }>('/content/items', body)).data
}
export async function updateContentItem(
  id: number,
  body: ContentItemInput,
): Promise<{ id: number; newVersion: boolean }> {
  return (await http.put<{ id: number; newVersion: boolean }>(`/content/items/${id}`, body)).data
}
export async function submitContentItem(id: number): Promise<{ findings: ComplianceFindingDto[] }> {
  return (await http.post<{ findings: ComplianceFindingDto[] }>(`/content/items/${id}/submit`)).data
}
export async function approveContentItem(id: number, validUntil: string): Promise<{ approvalNo: string }> {
  return (await http.post<{ approvalNo: string }>(`/content/items/${id}/approve`, { validUntil })).data
}
export async function rejectContentItem(id: number, reason: string): Promise<void> {
  await http.post(`/content/items/${id}/reject`, { reason })
}
export async function retireContentItem(id: number, reason: string): Promise<void> {
  await http.post(`/content/items/${id}/retire`, { reason })
}
/** Dry-run of the compliance checks, for findings shown while typing. */
export async function checkDraft(body: {
  fields: Record<string, string>
  topic: string
  links?: string[]
  disclaimer?: string | null
}): Promise<ComplianceFindingDto[]> {
  return (await http.post<{ findings: ComplianceFindingDto[] }>('/review/check', body)).data.findings
}

export async function fetchSeries(): Promise<SeriesSummary[]> {
  return (await http.get<{ series: SeriesSummary[] }>('/content/market-series')).data.series
}
export async function importSeriesCsv(csv: string): Promise<{ imported: number; symbols: string[] }> {
  return (await http.post<{ imported: number; symbols: string[] }>('/content/market-series/import', { csv })).data
}
export const chartPreviewUrl = (symbol: string, windowDays: number) =>
  `/api/content/charts/preview.png?symbol=${symbol}&windowDays=${windowDays}`

/** Content results for a period (`days` up to now, or Beijing days `from`–`to`) within the caller's scope. */
export async function fetchResults(query: ResultsQueryT): Promise<ContentResults> {
  return (await http.get<ContentResults>('/content/results', { params: query })).data
}

export type { CsvRowError }
