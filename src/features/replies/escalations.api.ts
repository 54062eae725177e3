import type { EscalationMetrics, InboxEscalation, QaItem } from '@contracts/replies'
import { http } from '@/shared/http'

export async function fetchInbox(status: 'open' | 'answered' | 'all'): Promise<InboxEscalation[]> {
  return (await http.get<{ escalations: InboxEscalation[] }>('/console/escalations', { params: { status } })).data
    .escalations
}

export async function fetchEscalationMetrics(days: number): Promise<EscalationMetrics> {
  return (await http.get<EscalationMetrics>('/console/escalations/metrics', { params: { days } })).data
}

export async function claimEscalation(id: number): Promise<InboxEscalation> {
  return (await http.post<InboxEscalation>(`/console/escalations/${id}/claim`)).data
}

export async function answerEscalation(
  id: number,
  body: { answer: string; disclaimer: string | null },
): Promise<InboxEscalation> {
  return (await http.post<InboxEscalation>(`/console/escalations/${id}/answer`, body)).data
}

export async function promoteEscalation(id: number, body: { tags?: string[] } = {}): Promise<QaItem> {
  return (await http.post<QaItem>(`/console/escalations/${id}/promote`, body)).data
}
