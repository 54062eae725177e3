import type { ContactReplyContext, MyEscalation, PreparedReply, QaTopic, ReplySuggestion } from '@contracts/replies'
import { http } from '@/shared/http'

/** Where the sidebar is open: a single chat with a contact, or a group chat. */
export interface ChatTarget {
  externalUserId?: string
  chatId?: string
}

const target = (t: ChatTarget) => ({
  ...(t.externalUserId ? { externalUserId: t.externalUserId } : {}),
  ...(t.chatId ? { chatId: t.chatId } : {}),
})

export async function fetchSuggestions(q: string, t: ChatTarget, signal?: AbortSignal): Promise<ReplySuggestion[]> {
  return (
    await http.get<{ suggestions: ReplySuggestion[] }>('/replies/suggestions', { params: { q, ...target(t) }, signal })
  ).data.suggestions
}

/** The topic 问中台 pre-selects for a question no library answer fits. */
export async function fetchTopicGuess(q: string): Promise<QaTopic> {
  return (await http.get<{ topic: QaTopic }>('/replies/topic-guess', { params: { q } })).data.topic
}

/** A manager's 有用/没用 on a suggestion, with the question it was shown for. */
export async function sendReplyFeedback(qaItemId: number, helpful: boolean, question: string): Promise<void> {
  await http.post('/replies/feedback', { qaItemId, helpful, question })
}

export async function fetchReplyContext(externalUserId: string): Promise<ContactReplyContext> {
  return (await http.get<ContactReplyContext>('/replies/context', { params: { externalUserId } })).data
}

export async function prepareReply(
  body: ChatTarget & { qaItemId?: number; escalationId?: number; text: string },
): Promise<PreparedReply> {
  return (await http.post<PreparedReply>('/replies/uses', { ...body, ...target(body) })).data
}

export async function markReplySent(id: string): Promise<void> {
  await http.post(`/replies/uses/${id}/sent`)
}

export async function createEscalation(
  body: ChatTarget & { question: string; topic: QaTopic; urgency: 'normal' | 'urgent'; note?: string | null },
): Promise<MyEscalation> {
  return (await http.post<MyEscalation>('/replies/escalations', { ...body, ...target(body) })).data
}

export async function fetchMyEscalations(t: ChatTarget): Promise<MyEscalation[]> {
  return (await http.get<{ escalations: MyEscalation[] }>('/replies/escalations', { params: target(t) })).data
    .escalations
}
