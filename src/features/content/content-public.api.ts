import type { PublicContent } from '@contracts/content'
import { http } from '@/shared/http'

// Opens and inquiries count once per browser by a cookie the server sets with the content (HttpOnly): the page
// sends no id of its own.
export async function fetchPublicContent(sendId: string): Promise<PublicContent> {
  return (await http.get<PublicContent>(`/public/content/${sendId}`)).data
}
export async function reportOpen(sendId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/open`)
}
export async function reportInquiry(sendId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/inquiry`)
}
/** 不再接收此类推送: the customer opts out of marketing; repeating it changes nothing. */
export async function optOut(sendId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/opt-out`)
}
