import type { ContentTopic, CreatedSend, Recommendations, SidebarActivity } from '@contracts/content'
import { http } from '@/shared/http'

export interface ChatTarget {
  externalUserId?: string
  chatId?: string
}

export async function fetchRecommendations(
  target: ChatTarget,
  filter: { topic?: ContentTopic; q?: string },
): Promise<Recommendations> {
  return (await http.get<Recommendations>('/content/recommendations', { params: { ...target, ...filter } })).data
}
export async function prepareSend(
  body: ChatTarget & { itemId: number; text?: string; as?: 'card' | 'image' },
): Promise<CreatedSend> {
  return (await http.post<CreatedSend>('/content/sends', body)).data
}
export async function markSendDone(sendId: string): Promise<void> {
  await http.post(`/content/sends/${sendId}/sent`)
}
export async function logMoment(itemId: number, method: 'clipboard' | 'share'): Promise<void> {
  await http.post('/content/moments', { itemId, method })
}
export async function fetchActivity(externalUserId?: string): Promise<SidebarActivity> {
  return (await http.get<SidebarActivity>('/content/activity', { params: { externalUserId } })).data
}

/** The item's picture (chart, image or topic cover); `version` busts the cache when the data moves on. */
export const itemImageUrl = (id: number, version = '') =>
  `/api/content/items/${id}/image.png${version ? `?v=${version}` : ''}`
